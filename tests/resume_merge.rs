//! Long runs that survive: a 300-image run killed (SIGKILL) at five points and finished
//! with `--resume` equals an uninterrupted run; four shards rendered by deploy/'s scripts
//! under Kubernetes' and Slurm's environment variables and merged by deploy/merge.sh equal
//! one unsharded run; merge refuses slices of different runs, overlaps and gaps. Uses the
//! light test scene (tests/fixtures/scenes/light.ron) so that hundreds of images take
//! seconds.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn scene() -> String {
    common::repo()
        .join("tests/fixtures/scenes/light.ron")
        .to_string_lossy()
        .into_owned()
}

fn render_light(out: &Path, count: u32, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_render"));
    cmd.args([
        "--scene",
        &scene(),
        "--count",
        &count.to_string(),
        "--quiet",
    ])
    .arg("--out")
    .arg(out)
    .args(extra);
    cmd
}

/// Every file under `dir` (relative path → bytes), except the COCO file (compared by
/// content, its `info` says when it was written), the manifest and previews.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(dir).unwrap().to_path_buf();
            let skip = ["dataset.json", "preview", "annotations/coco.json"];
            if skip.iter().any(|s| rel.starts_with(s)) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn coco(dir: &Path) -> Value {
    let mut v: Value =
        serde_json::from_slice(&std::fs::read(dir.join("annotations/coco.json")).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("info");
    v
}

fn assert_same_dataset(a: &Path, b: &Path) {
    let (fa, fb) = (files(a), files(b));
    assert_eq!(
        fa.iter().map(|f| &f.0).collect::<Vec<_>>(),
        fb.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in fa.iter().zip(&fb) {
        assert!(x == y, "{} differs", name.display());
    }
    assert_eq!(coco(a), coco(b));
    common::render_ok(&["validate", b.to_str().unwrap()]);
}

/// Renders the uninterrupted reference of `count` images into `dir/reference`.
fn reference(dir: &Path, count: u32) -> PathBuf {
    let reference = dir.join("reference");
    let run = render_light(&reference, count, &[]).output().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    reference
}

/// Finishes `out` with `--resume` and checks it against `reference`.
fn resume_and_compare(reference: &Path, out: &Path, count: u32) {
    let done = render_light(out, count, &["--resume"]).output().unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert_same_dataset(reference, out);
}

#[test]
fn a_run_killed_five_times_and_resumed_equals_an_uninterrupted_one() {
    let dir = common::temp_dir("crash");
    let reference = dir.join("reference");
    assert!(
        render_light(&reference, 300, &[])
            .status()
            .unwrap()
            .success()
    );
    let out = dir.join("killed");
    // Kill points spread over the run (deterministic, as tests must be).
    let mut state = 0x9e37_79b9_u32;
    let mut kills = 0;
    for attempt in 0..5 {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let delay = Duration::from_millis(300 + u64::from(state % 1200));
        let resume: &[&str] = if attempt == 0 { &[] } else { &["--resume"] };
        let mut child = render_light(&out, 300, resume).spawn().unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
    }
    assert!(kills >= 3, "only {kills} runs were still going when killed");
    resume_and_compare(&reference, &out, 300);
}

#[test]
fn ctrl_c_stops_cleanly_and_leaves_a_resumable_dataset() {
    let dir = common::temp_dir("sigint");
    let reference = reference(&dir, 200);
    let out = dir.join("stopped");
    let child = render_light(&out, 200, &[]).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let stopped = child.wait_with_output().unwrap();
    assert_eq!(stopped.status.code(), Some(130), "stopped by Ctrl-C");
    assert!(!out.join("annotations/coco.json").exists());
    let records = std::fs::read_dir(out.join("annotations/records"))
        .unwrap()
        .count();
    assert!(
        records > 0 && records < 200,
        "{records} images before the stop"
    );
    // Nothing half-written is left under a final name: every image present has a record.
    let images = std::fs::read_dir(out.join("images")).unwrap().count();
    assert_eq!(images, records);
    resume_and_compare(&reference, &out, 200);
}

#[test]
fn a_failed_write_names_the_file_and_leaves_a_resumable_dataset() {
    let dir = common::temp_dir("write_error");
    let reference = reference(&dir, 30);
    let out = dir.join("broken");
    // A directory where image 12 must go: its rename fails, as on a full or broken disk.
    let blocker = out.join("images/000012.png");
    std::fs::create_dir_all(blocker.join("in-the-way")).unwrap();
    let failed = render_light(&out, 30, &["--force"]).output().unwrap();
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("000012.png") && stderr.contains("--resume"),
        "{stderr}"
    );
    assert!(!out.join("annotations/coco.json").exists());
    std::fs::remove_dir_all(&blocker).unwrap();
    resume_and_compare(&reference, &out, 30);
}

fn run_script(script: &str, env: &[(&str, String)]) {
    let mut cmd = Command::new("sh");
    cmd.arg(common::repo().join("deploy").join(script));
    for var in [
        "JOB_COMPLETION_INDEX",
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_MIN",
        "SLURM_ARRAY_TASK_COUNT",
    ] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().map(|(k, v)| (*k, v.as_str())));
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn shards_from_the_deploy_scripts_merge_into_the_unsharded_dataset() {
    let dir = common::temp_dir("shards");
    let whole = dir.join("whole");
    assert!(render_light(&whole, 42, &[]).status().unwrap().success());
    let shared = dir.join("shared");
    let common_env = [
        ("SHARDS", "4".to_owned()),
        ("OUT", shared.to_string_lossy().into_owned()),
        ("COUNT", "42".to_owned()),
        ("SCENE", scene()),
        ("RENDER", env!("CARGO_BIN_EXE_render").to_owned()),
    ];
    for k in 0..4u32 {
        let mut env = common_env.to_vec();
        // Shards 0 and 1 as Kubernetes pods, 2 and 3 as Slurm array tasks 5 and 6 of 5-8.
        if k < 2 {
            env.push(("JOB_COMPLETION_INDEX", k.to_string()));
        } else {
            env.push(("SLURM_ARRAY_TASK_ID", (k + 3).to_string()));
            env.push(("SLURM_ARRAY_TASK_MIN", "3".to_owned()));
            env.push(("SLURM_ARRAY_TASK_COUNT", "4".to_owned()));
        }
        run_script("render-shard.sh", &env);
    }
    let counts: Vec<u64> = (0..4)
        .map(|k| {
            let m: Value = serde_json::from_slice(
                &std::fs::read(shared.join(format!("shard-{k}/dataset.json"))).unwrap(),
            )
            .unwrap();
            m["count"].as_u64().unwrap()
        })
        .collect();
    assert_eq!(counts, vec![11, 11, 10, 10]);
    run_script("merge.sh", &[common_env[1].clone(), common_env[4].clone()]);
    assert_same_dataset(&whole, &shared.join("merged"));
    // The scheduler files run these same scripts.
    let k8s =
        std::fs::read_to_string(common::repo().join("deploy/kubernetes/indexed-job.yaml")).unwrap();
    assert!(k8s.contains("deploy/render-shard.sh") && k8s.contains("deploy/merge.sh"));
    assert!(k8s.contains("completionMode: Indexed"));
    let slurm =
        std::fs::read_to_string(common::repo().join("deploy/slurm/render-array.sbatch")).unwrap();
    assert!(slurm.contains("render-shard.sh") && slurm.contains("#SBATCH --array"));
    let merge = std::fs::read_to_string(common::repo().join("deploy/slurm/merge.sbatch")).unwrap();
    assert!(merge.contains("merge.sh"));
}

#[test]
fn merge_refuses_slices_that_do_not_fit() {
    let dir = common::temp_dir("merge_bad");
    let shard = |k: u32, extra: &[&str]| {
        let out = dir.join(format!("s{k}-{}", extra.len()));
        let index = k.to_string();
        let mut args = vec!["--shard-index", &index, "--shard-count", "3"];
        args.extend(extra);
        assert!(render_light(&out, 9, &args).status().unwrap().success());
        out
    };
    let (a, b, c) = (shard(0, &[]), shard(1, &[]), shard(2, &[]));
    let other_seed = shard(1, &["--seed", "99"]);
    let merge = |inputs: &[&PathBuf], name: &str| {
        let out = dir.join(name);
        let mut args = vec!["merge".to_owned()];
        args.extend(inputs.iter().map(|p| p.to_string_lossy().into_owned()));
        args.extend(["--out".to_owned(), out.to_string_lossy().into_owned()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        common::render(&args)
    };
    for (inputs, name, want) in [
        (vec![&a, &a], "overlap", "overlap"),
        (vec![&a, &c], "gap", "gap"),
        (vec![&a, &other_seed, &c], "seed", "seed 99"),
    ] {
        let run = merge(&inputs, name);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            !run.status.success() && stderr.contains(want),
            "{name}: {stderr}"
        );
    }
    let run = merge(&[&c, &a, &b], "fine");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
