//! Per-instance area, bounding box and category, accumulated from row runs.

use super::LabelError;

/// Accumulated statistics of one instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct InstanceStats {
    /// Category of the first pixel seen; every later pixel must agree.
    pub category_id: u16,
    /// Pixel count.
    pub area: u64,
    /// Smallest column touched.
    pub min_x: u32,
    /// Smallest row touched.
    pub min_y: u32,
    /// Largest column touched (inclusive).
    pub max_x: u32,
    /// Largest row touched (inclusive).
    pub max_y: u32,
}

impl InstanceStats {
    /// COCO bbox in pixel-edge convention: `[x, y, width, height]`.
    pub fn bbox(&self) -> [u32; 4] {
        [
            self.min_x,
            self.min_y,
            self.max_x + 1 - self.min_x,
            self.max_y + 1 - self.min_y,
        ]
    }
}

/// Statistics of every instance of a frame, indexed by instance id.
#[derive(Default)]
pub(crate) struct StatsTable {
    /// `slots[id]` is `Some` once instance `id` has at least one pixel.
    slots: Vec<Option<InstanceStats>>,
}

impl StatsTable {
    /// Records pixels `x0..x1` of row `y` as belonging to `instance_id` (> 0).
    pub fn add_run(
        &mut self,
        instance_id: u16,
        category_id: u16,
        y: u32,
        x0: u32,
        x1: u32,
    ) -> Result<(), LabelError> {
        let slot = usize::from(instance_id);
        if slot >= self.slots.len() {
            self.slots.resize_with(slot + 1, || None);
        }
        let stats = self.slots[slot].get_or_insert(InstanceStats {
            category_id,
            area: 0,
            min_x: x0,
            min_y: y,
            max_x: x0,
            max_y: y,
        });
        if stats.category_id != category_id {
            return Err(LabelError::InconsistentCategory {
                instance_id,
                first: stats.category_id,
                second: category_id,
            });
        }
        stats.area += u64::from(x1 - x0);
        stats.min_x = stats.min_x.min(x0);
        stats.max_x = stats.max_x.max(x1 - 1);
        stats.min_y = stats.min_y.min(y);
        stats.max_y = stats.max_y.max(y);
        Ok(())
    }

    /// Every instance with at least one pixel, ascending by id.
    pub fn into_sorted(self) -> impl Iterator<Item = (u16, InstanceStats)> {
        self.slots
            .into_iter()
            .enumerate()
            // Slots only exist for ids that came from a u16.
            .filter_map(|(id, s)| s.map(|s| (id as u16, s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accumulates_runs() {
        let mut t = StatsTable::default();
        t.add_run(3, 1, 2, 4, 6).expect("consistent");
        t.add_run(3, 1, 5, 1, 2).expect("consistent");
        t.add_run(1, 2, 0, 0, 1).expect("consistent");
        let all: Vec<_> = t.into_sorted().collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].0, 1);
        assert_eq!(all[0].1.bbox(), [0, 0, 1, 1]);
        assert_eq!(all[1].0, 3);
        assert_eq!(all[1].1.area, 3);
        assert_eq!(all[1].1.bbox(), [1, 2, 5, 4]);
    }

    #[test]
    fn rejects_category_change() {
        let mut t = StatsTable::default();
        t.add_run(3, 1, 0, 0, 1).expect("consistent");
        assert!(matches!(
            t.add_run(3, 2, 1, 0, 1),
            Err(LabelError::InconsistentCategory {
                instance_id: 3,
                first: 1,
                second: 2
            })
        ));
    }
}
