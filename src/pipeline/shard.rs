//! Splitting a dataset's image range into shards: shard `k` of `n` renders a contiguous
//! slice, the slices cover the range in order, and their sizes differ by at most one. The
//! shard can come from the command line or from the scheduler's environment: Kubernetes
//! Indexed Jobs set `JOB_COMPLETION_INDEX`; Slurm job arrays set `SLURM_ARRAY_TASK_ID`,
//! `SLURM_ARRAY_TASK_MIN` and `SLURM_ARRAY_TASK_COUNT`.

use super::RunRange;

/// Which shard this process renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// 0-based shard index.
    pub index: u64,
    /// Number of shards.
    pub count: u64,
}

impl Shard {
    /// The slice of `range` this shard renders.
    pub fn slice(self, range: RunRange) -> RunRange {
        let base = range.count / self.count;
        let extra = range.count % self.count;
        let before = self.index * base + self.index.min(extra);
        RunRange {
            start: range.start + before,
            count: base + u64::from(self.index < extra),
        }
    }
}

/// The shard from explicit options, else from `env` (a variable lookup); `None` when
/// neither says. Errors name the option or variable.
pub fn resolve(
    (index, count): (Option<u64>, Option<u64>),
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Shard>, String> {
    let number = |name: &str| -> Result<Option<u64>, String> {
        env(name)
            .map(|v| {
                v.trim()
                    .parse::<u64>()
                    .map_err(|_| format!("{name}={v:?} is not a whole number"))
            })
            .transpose()
    };
    // The index a scheduler gives this task.
    let scheduled = || -> Result<Option<u64>, String> {
        if let Some(i) = number("JOB_COMPLETION_INDEX")? {
            return Ok(Some(i));
        }
        let Some(id) = number("SLURM_ARRAY_TASK_ID")? else {
            return Ok(None);
        };
        let min = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
        id.checked_sub(min)
            .map(Some)
            .ok_or_else(|| "SLURM_ARRAY_TASK_ID is below SLURM_ARRAY_TASK_MIN".to_owned())
    };
    let (index, count) = match (index, count) {
        (Some(i), Some(n)) => (i, n),
        (Some(_), None) => return Err("--shard-index needs --shard-count".into()),
        (None, Some(n)) => match scheduled()? {
            Some(i) => (i, n),
            None => {
                return Err(
                    "--shard-count needs --shard-index (or JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID)"
                        .into(),
                );
            }
        },
        (None, None) => match scheduled()? {
            None => return Ok(None),
            Some(i) => match number("SLURM_ARRAY_TASK_COUNT")? {
                Some(n) if env("JOB_COMPLETION_INDEX").is_none() => (i, n),
                _ => return Err("JOB_COMPLETION_INDEX is set: pass --shard-count too".into()),
            },
        },
    };
    if count == 0 || index >= count {
        return Err(format!(
            "shard index {index} is not below the shard count {count}"
        ));
    }
    Ok(Some(Shard { index, count }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_cover_the_range_in_order() {
        let range = RunRange {
            start: 10,
            count: 10,
        };
        let slices: Vec<(u64, u64)> = (0..4)
            .map(|index| Shard { index, count: 4 }.slice(range))
            .map(|r| (r.start, r.count))
            .collect();
        assert_eq!(slices, vec![(10, 3), (13, 3), (16, 2), (18, 2)]);
        let tiny = Shard { index: 2, count: 3 }.slice(RunRange { start: 0, count: 1 });
        assert_eq!(tiny.count, 0);
    }

    #[test]
    fn the_environment_fills_in_what_the_options_leave_out() {
        let none = |_: &str| None;
        assert_eq!(resolve((None, None), &none), Ok(None));
        assert_eq!(
            resolve((Some(1), Some(4)), &none),
            Ok(Some(Shard { index: 1, count: 4 }))
        );
        let k8s = |name: &str| (name == "JOB_COMPLETION_INDEX").then(|| "3".to_owned());
        assert_eq!(
            resolve((None, Some(4)), &k8s),
            Ok(Some(Shard { index: 3, count: 4 }))
        );
        assert!(
            resolve((None, None), &k8s)
                .unwrap_err()
                .contains("--shard-count")
        );
        let slurm = |name: &str| match name {
            "SLURM_ARRAY_TASK_ID" => Some("5".to_owned()),
            "SLURM_ARRAY_TASK_MIN" => Some("4".to_owned()),
            "SLURM_ARRAY_TASK_COUNT" => Some("4".to_owned()),
            _ => None,
        };
        assert_eq!(
            resolve((None, None), &slurm),
            Ok(Some(Shard { index: 1, count: 4 }))
        );
        assert!(resolve((Some(4), Some(4)), &none).is_err());
        let bad = |name: &str| (name == "JOB_COMPLETION_INDEX").then(|| "x".to_owned());
        assert!(
            resolve((None, Some(2)), &bad)
                .unwrap_err()
                .contains("JOB_COMPLETION_INDEX")
        );
    }
}
