//! The project's commands. Each one first installs whatever a fresh Debian machine with only the
//! Rust toolchain lacks, then does its job:
//!
//! - `cargo xtask serve`: serve the app at http://127.0.0.1:8080, rebuilt on every change (trunk serve).
//! - `cargo xtask test`: every test: rustfmt and clippy (native and wasm32, warnings are
//!   errors), the workspace's native `cargo test`, then the end-to-end tests in headless
//!   Chromium against the built site. Ends with `N passed, N failed`.
//! - `cargo xtask dist`: a release build of the static site into `dist/`, with a brotli and a
//!   gzip copy beside each file worth compressing, for hosts that serve precompressed files.
//! - `cargo xtask bench [--skip-ndarray]`: the training benchmark, natively and in headless
//!   Chromium through the worker, with flex and (unless skipped) ndarray; one JSON line per run.
//! - `cargo xtask soak [--minutes N]`: the long-session soak (30 minutes unless told), on a
//!   release build: memory and live workers over time while one tab trains and another hops
//!   between lessons (`tests/soak.mjs`).

mod names;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use tools::Need;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&root),
        Some("test") => test(&root, &args[1..]),
        Some("dist") => dist(&root),
        Some("bench") => bench(&root, &args[1..]),
        Some("soak") => soak(&root, &args[1..]),
        Some("glance") => glance(&root, &args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <serve | test [--skip-lint] [--skip-native] [--skip-e2e] | dist | bench [--skip-ndarray] | soak [--minutes N] | glance [--lang en]>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T = ()> = std::result::Result<T, String>;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

fn serve(root: &Path) -> Result {
    tools::ensure(root, Need::Build)?;
    println!("xtask: serving http://127.0.0.1:8080 (Ctrl-C stops; reload the page after a rebuild)");
    // trunk's live reload is an inline script, which index.html's Content-Security-Policy forbids:
    // trunk rebuilds on every change, and a reload shows it.
    run(Command::new(tools::trunk()).args(["serve", "--no-autoreload"]).current_dir(root))
}

fn dist(root: &Path) -> Result {
    tools::ensure(root, Need::Build)?;
    let dist = root.join("dist");
    release_site(root, &dist, None)?;
    println!("xtask: the site is in {}", dist.display());
    Ok(())
}

/// The site as it is deployed, in `dist`: a release build (with a cargo feature of the app's,
/// for the benchmark's ndarray build), its wasm bundles without their name sections
/// (`names.rs`), and its precompressed copies. `dist`, `bench` and `soak`
/// all measure or ship this.
fn release_site(root: &Path, dist: &Path, feature: Option<&str>) -> Result {
    let mut build = Command::new(tools::trunk());
    build.args(["build", "--release", "--dist"]).arg(dist).current_dir(root);
    if let Some(feature) = feature {
        build.args(["--features", feature]);
    }
    run(&mut build)?;
    names::strip(dist)?;
    precompress(dist)
}

/// The kinds of file that are worth compressing: the two wasm bundles, their scripts, the page,
/// the style sheet and the data files (the digits and the poems).
const COMPRESSIBLE: &[&str] = &["wasm", "js", "html", "css", "bin"];

/// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every file of
/// `dist` with a compressible extension, when that saves at least a tenth. A host that serves
/// precompressed files (Caddy's `file_server { precompressed br gzip }`, nginx's `brotli_static` and
/// `gzip_static`) then sends the smallest copy the browser accepts; any other host serves the
/// originals, which stay. Prints each file's sizes.
fn precompress(dist: &Path) -> Result {
    use std::io::Write;
    let mut files = Vec::new();
    let mut dirs = vec![dist.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().and_then(|x| x.to_str()).is_some_and(|x| COMPRESSIBLE.contains(&x)) {
                files.push(path);
            }
        }
    }
    files.sort();
    for file in files {
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut br, &params).map_err(|e| e.to_string())?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).map_err(|e| e.to_string())?;
        let gz = gz.finish().map_err(|e| e.to_string())?;
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        for (suffix, packed) in [("br", &br), ("gz", &gz)] {
            let sibling = file.with_file_name(format!("{name}.{suffix}"));
            if packed.len() * 10 <= bytes.len() * 9 {
                std::fs::write(&sibling, packed).map_err(|e| format!("{}: {e}", sibling.display()))?;
            } else {
                let _ = std::fs::remove_file(&sibling);
            }
        }
        println!("xtask: {name}: {} bytes, brotli {}, gzip {}", bytes.len(), br.len(), gz.len());
    }
    Ok(())
}

/// Runs the benchmark natively and in Chromium, for flex and (unless skipped) ndarray, then the
/// character LSTM (60 s natively and 60 s in Chromium, flex). Natively, flex runs both the fused
/// convolution blocks and burn's own path, and the phase timers (`engine/examples/phases.rs`) show
/// where a step's time goes. In Chromium, the CNN trains five times on flex (median and spread),
/// then ConvNetJS on the same digits in the same session; then the character LSTM and the phase
/// timers in the training worker; then the seconds the cnn-training lesson
/// takes to show 97% held-out accuracy, and the first loads of two lessons (`tests/load.mjs`).
/// Release builds: the first run compiles burn several times and takes a while.
fn bench(root: &Path, flags: &[String]) -> Result {
    tools::ensure(root, Need::Browser)?;
    let with_ndarray = !flags.iter().any(|f| f == "--skip-ndarray");
    let features: &[&str] = if with_ndarray { &["", "ndarray"] } else { &[""] };
    // Natively one build runs every backend it has, so the ndarray build alone covers both.
    let mut native = Command::new(tools::cargo());
    native.args(["run", "--quiet", "--release", "-p", "engine", "--example", "bench"]).current_dir(root);
    if with_ndarray {
        native.args(["--features", "ndarray"]);
    }
    // The native run writes the benchmark's training and test digits for ConvNetJS to use.
    let split = root.join("target").join("bench-split.json");
    native.arg("--").arg("--split").arg(&split);
    let mut lines = json_lines(&mut native, "native benchmark")?;
    let mut phases = Command::new(tools::cargo());
    phases.args(["run", "--quiet", "--release", "-p", "engine", "--example", "phases"]).current_dir(root);
    lines.extend(json_lines(&mut phases, "phase timers")?);
    for feature in features {
        let backend = if feature.is_empty() { "flex" } else { "ndarray" };
        let dist = root.join("target").join("bench-dist").join(backend);
        release_site(root, &dist, (!feature.is_empty()).then_some(*feature))?;
        // Five runs of the CNN on flex, with ConvNetJS in the same browser session; one on ndarray.
        let mut node = Command::new("node");
        node.arg("bench.mjs").arg(&dist).arg(backend).current_dir(root.join("tests"));
        if backend == "flex" {
            node.arg("--peer").arg(&split);
        } else {
            node.args(["--runs", "1"]);
        }
        lines.extend(json_lines(&mut node, "browser benchmark")?);
        if backend == "flex" {
            // The lstm lesson's character LSTM, 60 s of training in the worker.
            let mut node = Command::new("node");
            node.arg("bench.mjs").arg(&dist).arg(backend).arg("char-lstm").current_dir(root.join("tests"));
            lines.extend(json_lines(&mut node, "browser char-lstm benchmark")?);
            // The phase timers in the training worker, burn's path and the fused blocks.
            let mut node = Command::new("node");
            node.arg("bench.mjs").arg(&dist).arg(backend).arg("phases").current_dir(root.join("tests"));
            lines.extend(json_lines(&mut node, "browser phase timers")?);
            // The cnn-training lesson: seconds to 97% held-out accuracy, at its defaults (three
            // epochs) and with eight epochs to go on.
            for query in ["", "epochs=8"] {
                let mut node = Command::new("node");
                node.arg("bench.mjs").arg(&dist).arg(backend).arg("lesson").arg(query).current_dir(root.join("tests"));
                lines.extend(json_lines(&mut node, "cnn-training lesson timing")?);
            }
            // First loads of a lesson, on localhost and over a 10 Mbit/s link, served as a host
            // that sends the precompressed copies would.
            let mut node = Command::new("node");
            node.arg("load.mjs").arg(&dist).current_dir(root.join("tests"));
            lines.extend(json_lines(&mut node, "first loads")?);
        }
    }
    let _ = std::fs::write(root.join("target").join("bench-latest.jsonl"), lines.join("\n") + "\n");
    Ok(())
}

/// Builds the site as deployed and runs the soak (`tests/soak.mjs`) on it; fails if it fails.
fn soak(root: &Path, flags: &[String]) -> Result {
    tools::ensure(root, Need::Browser)?;
    let dist = root.join("target").join("soak-dist");
    release_site(root, &dist, None)?;
    let mut node = Command::new("node");
    node.arg("soak.mjs").arg(&dist).args(flags).current_dir(root.join("tests"));
    run(&mut node)
}

/// Builds the site as deployed and measures every lesson as a new student meets it
/// (`tests/glance.mjs`: visible text, typed fields, sliders, drawn charts, the first figure).
fn glance(root: &Path, flags: &[String]) -> Result {
    tools::ensure(root, Need::Browser)?;
    let dist = root.join("target").join("glance-dist");
    release_site(root, &dist, None)?;
    let mut node = Command::new("node");
    node.arg("glance.mjs").arg(&dist).args(flags).current_dir(root.join("tests"));
    run(&mut node)
}

/// Runs a benchmark command and returns (and prints) the JSON lines of its output.
fn json_lines(cmd: &mut Command, what: &str) -> Result<Vec<String>> {
    let out = cmd.output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("{what} failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let lines: Vec<String> =
        String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.starts_with('{')).map(str::to_string).collect();
    lines.iter().for_each(|l| println!("{l}"));
    Ok(lines)
}

/// Counts of passed and failed tests.
#[derive(Default, Debug, Clone, Copy, PartialEq)]
struct Tally {
    passed: usize,
    failed: usize,
}

fn test(root: &Path, flags: &[String]) -> Result {
    let skip = |f: &str| flags.iter().any(|a| a == f);
    tools::ensure(root, if skip("--skip-e2e") { Need::Native } else { Need::Browser })?;
    let mut tally = Tally::default();
    let mut problems = Vec::new();
    if !skip("--skip-lint") {
        println!("xtask: lints (cargo fmt --check; cargo clippy natively and for wasm32, warnings are errors)");
        for (name, args) in LINTS {
            let ok = run(Command::new(tools::cargo()).args(*args).current_dir(root)).is_ok();
            add(&mut tally, if ok { Tally { passed: 1, failed: 0 } } else { Tally { passed: 0, failed: 1 } });
            if !ok {
                problems.push(*name);
            }
        }
    }
    if !skip("--skip-native") {
        println!("xtask: native tests (cargo test --workspace)");
        let (ok, t) = run_counting(
            Command::new(tools::cargo())
                .args(["test", "--workspace", "--no-fail-fast", "--color", "never"])
                .current_dir(root),
            parse_cargo_test,
        )?;
        add(&mut tally, t);
        if !ok {
            problems.push("native tests");
        }
    }
    if !skip("--skip-e2e") {
        println!("xtask: building the site for the end-to-end tests (trunk build)");
        run(Command::new(tools::trunk()).arg("build").current_dir(root))?;
        println!("xtask: end-to-end tests in headless Chromium");
        let tests = root.join("tests");
        let (ok, t) = run_counting(
            Command::new("node")
                .args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
                .arg("e2e/")
                .env("DLNOTES_DIST", root.join("dist"))
                .current_dir(&tests),
            parse_node_test,
        )?;
        add(&mut tally, t);
        if !ok {
            problems.push("end-to-end tests");
        }
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if problems.is_empty() && tally.failed == 0 { Ok(()) } else { Err(format!("failures in: {}", problems.join(", "))) }
}

/// The lints `cargo xtask test` runs first, each counted as one test.
const LINTS: &[(&str, &[&str])] = &[
    ("rustfmt", &["fmt", "--all", "--", "--check"]),
    ("clippy", &["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"]),
    (
        "clippy (wasm32)",
        &["clippy", "--target", "wasm32-unknown-unknown", "-p", "app", "--quiet", "--", "-D", "warnings"],
    ),
];

fn add(total: &mut Tally, t: Tally) {
    total.passed += t.passed;
    total.failed += t.failed;
}

/// Runs a command with inherited output; an error unless it succeeds.
pub fn run(cmd: &mut Command) -> Result {
    let status = cmd.status().map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    if status.success() { Ok(()) } else { Err(format!("{:?} failed ({status})", cmd.get_program())) }
}

/// Runs a command, echoing its output as it comes, and counts the tests it reports.
fn run_counting(cmd: &mut Command, parse: fn(&str) -> Tally) -> Result<(bool, Tally)> {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    let mut tally = Tally::default();
    for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
        let line = line.map_err(|e| e.to_string())?;
        println!("{line}");
        add(&mut tally, parse(&line));
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok((status.success(), tally))
}

/// Reads `test result: ok. 12 passed; 0 failed; ...` lines of `cargo test`.
fn parse_cargo_test(line: &str) -> Tally {
    let Some(rest) = line.strip_prefix("test result: ") else { return Tally::default() };
    let count = |word: &str| {
        rest.split(';')
            .find_map(|part| {
                part.trim()
                    .trim_start_matches("ok. ")
                    .trim_start_matches("FAILED. ")
                    .strip_suffix(word)?
                    .trim()
                    .parse()
                    .ok()
            })
            .unwrap_or(0)
    };
    Tally { passed: count(" passed"), failed: count(" failed") }
}

/// Reads the `ℹ pass 12` / `ℹ fail 0` summary lines of `node --test`.
fn parse_node_test(line: &str) -> Tally {
    let line = line.trim_start_matches(['ℹ', '#', ' ']);
    let count = |prefix: &str| line.strip_prefix(prefix).and_then(|n| n.trim().parse().ok()).unwrap_or(0);
    Tally { passed: count("pass "), failed: count("fail ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_counted() {
        assert_eq!(
            parse_cargo_test("test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured"),
            Tally { passed: 12, failed: 0 }
        );
        assert_eq!(
            parse_cargo_test("test result: FAILED. 3 passed; 2 failed; 0 ignored"),
            Tally { passed: 3, failed: 2 }
        );
        assert_eq!(parse_cargo_test("running 3 tests"), Tally::default());
        assert_eq!(parse_node_test("ℹ pass 7"), Tally { passed: 7, failed: 0 });
        assert_eq!(parse_node_test("# fail 1"), Tally { passed: 0, failed: 1 });
        assert_eq!(parse_node_test("✔ passes a test named pass 3"), Tally::default());
    }

    #[test]
    fn precompressed_copies_decompress_to_the_originals() {
        use std::io::Read;
        let dir = std::env::temp_dir().join(format!("dlnotes-precompress-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        let wasm: Vec<u8> = (0..200_000u32).map(|i| (i % 251 / 7) as u8).collect();
        std::fs::write(dir.join("app_bg.wasm"), &wasm).unwrap();
        std::fs::write(dir.join("assets").join("data.bin"), &wasm[..5_000]).unwrap();
        // Random bytes do not compress: no copies for them.
        let mut x = 1u64;
        let noise: Vec<u8> = (0..10_000)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (x >> 56) as u8
            })
            .collect();
        std::fs::write(dir.join("noise.bin"), &noise).unwrap();
        std::fs::write(dir.join("photo.png"), &wasm[..5_000]).unwrap();
        precompress(&dir).unwrap();
        let br = std::fs::read(dir.join("app_bg.wasm.br")).unwrap();
        assert!(br.len() < wasm.len() / 10);
        let mut out = Vec::new();
        brotli::Decompressor::new(br.as_slice(), 4096).read_to_end(&mut out).unwrap();
        assert_eq!(out, wasm);
        let gz = std::fs::read(dir.join("assets").join("data.bin.gz")).unwrap();
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(gz.as_slice()).read_to_end(&mut out).unwrap();
        assert_eq!(out, &wasm[..5_000]);
        assert!(!dir.join("noise.bin.br").exists() && !dir.join("noise.bin.gz").exists());
        assert!(!dir.join("photo.png.br").exists(), "only the site's own kinds of file");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
