//! Which instances a dataset keeps: a minimum of visible pixels, a minimum visible
//! fraction, a maximum truncation, categories to include or exclude. An instance that
//! fails is dropped (its pixels leave the instance mask; the semantic mask keeps its
//! category) or, when asked, kept as an ignore region (COCO `iscrowd` 1, KITTI `DontCare`,
//! left out of YOLO).

use super::FrameLabels;

/// The filter settings, with category names already resolved to ids.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelFilter {
    /// Fewer visible pixels than this fail.
    pub min_visible_pixels: u64,
    /// A smaller visible fraction fails.
    pub min_visible_fraction: f64,
    /// A larger truncation fails.
    pub max_truncation: f64,
    /// When not empty, only these categories pass.
    pub include: Vec<u16>,
    /// These categories fail.
    pub exclude: Vec<u16>,
    /// Failing instances are kept as ignore regions instead of dropped.
    pub crowd: bool,
}

impl Default for LabelFilter {
    fn default() -> Self {
        Self {
            min_visible_pixels: 0,
            min_visible_fraction: 0.0,
            max_truncation: 1.0,
            include: Vec::new(),
            exclude: Vec::new(),
            crowd: false,
        }
    }
}

impl LabelFilter {
    /// Whether this filter passes every instance.
    pub fn passes_all(&self) -> bool {
        *self
            == Self {
                crowd: self.crowd,
                ..Self::default()
            }
    }

    /// Whether an instance of `category` with `area` visible pixels, `visible_fraction`
    /// and `truncation` passes.
    pub fn passes(&self, category: u16, area: u64, visible_fraction: f64, truncation: f64) -> bool {
        area >= self.min_visible_pixels
            && visible_fraction >= self.min_visible_fraction
            && truncation <= self.max_truncation
            && (self.include.is_empty() || self.include.contains(&category))
            && !self.exclude.contains(&category)
    }

    /// Applies the filter to `labels` (whose geometry is attached): failing instances are
    /// marked crowd or removed, with their pixels, from the instance mask.
    pub fn apply(&self, labels: &mut FrameLabels) {
        if self.passes_all() {
            return;
        }
        let mut dropped = Vec::new();
        labels.instances.retain_mut(|i| {
            let g = &i.geometry;
            if self.passes(i.category_id, i.area, g.visible_fraction, g.truncation) {
                return true;
            }
            if self.crowd {
                i.crowd = true;
                return true;
            }
            dropped.push(i.instance_id);
            false
        });
        if dropped.is_empty() {
            return;
        }
        for id in &mut labels.instance_mask {
            if *id != 0 && dropped.contains(id) {
                *id = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::pack_id;
    use crate::labels::label_frame;

    /// Instance 1 (category 3): 4 pixels; instance 2 (category 1): 1 pixel.
    fn labels() -> FrameLabels {
        let a = pack_id(1, 3);
        let b = pack_id(2, 1);
        let mut labels = label_frame(&[a, a, 0, a, a, b], 3, 2).unwrap();
        labels.instances[0].geometry.visible_fraction = 0.4;
        labels.instances[1].geometry.visible_fraction = 1.0;
        labels.instances[1].geometry.truncation = 0.7;
        labels
    }

    fn kept(filter: &LabelFilter) -> Vec<(u16, bool)> {
        let mut l = labels();
        filter.apply(&mut l);
        l.instances
            .iter()
            .map(|i| (i.instance_id, i.crowd))
            .collect()
    }

    #[test]
    fn each_rule_drops_what_it_names() {
        let base = LabelFilter::default();
        assert!(base.passes_all());
        assert_eq!(kept(&base), vec![(1, false), (2, false)]);
        let rules = [
            LabelFilter {
                min_visible_pixels: 2,
                ..base.clone()
            },
            LabelFilter {
                min_visible_fraction: 0.5,
                ..base.clone()
            },
            LabelFilter {
                max_truncation: 0.5,
                ..base.clone()
            },
            LabelFilter {
                include: vec![3],
                ..base.clone()
            },
            LabelFilter {
                exclude: vec![3],
                ..base.clone()
            },
        ];
        let want = [
            vec![(1, false)],
            vec![(2, false)],
            vec![(1, false)],
            vec![(1, false)],
            vec![(2, false)],
        ];
        for (rule, want) in rules.iter().zip(want) {
            assert_eq!(kept(rule), want, "{rule:?}");
        }
    }

    #[test]
    fn dropped_instances_leave_the_instance_mask_and_crowds_stay() {
        let filter = LabelFilter {
            min_visible_pixels: 2,
            ..LabelFilter::default()
        };
        let mut l = labels();
        filter.apply(&mut l);
        assert_eq!(l.instance_mask, vec![1, 1, 0, 1, 1, 0]);
        // The semantic mask keeps the person.
        assert_eq!(l.semantic_mask[5], 1);
        let crowd = LabelFilter {
            crowd: true,
            ..filter
        };
        assert_eq!(kept(&crowd), vec![(1, false), (2, true)]);
        let mut l = labels();
        crowd.apply(&mut l);
        assert_eq!(l.instance_mask, vec![1, 1, 0, 1, 1, 2]);
    }
}
