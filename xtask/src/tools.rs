//! Installs what the commands need and a fresh Debian machine lacks: the wasm32 target, trunk,
//! the wasm-bindgen-cli that matches Cargo.lock, Chromium with a CJK font, Node.js and the npm
//! packages of `tests/`, and a Python environment in `tests/.venv` with the PyPI packages of
//! `tests/requirements.txt` (the model-file test reads the page's file with them). Everything already present is left alone, so a second run costs
//! nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, run};

/// trunk's version, pinned: newer releases change their configuration.
const TRUNK_VERSION: &str = "0.21.14";

/// What a command needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Need {
    /// `cargo test`, rustfmt and clippy (natively and for wasm32).
    Native,
    /// Building the site: wasm32 target, trunk, wasm-bindgen.
    Build,
    /// Building the site and driving it in headless Chromium.
    Browser,
}

/// Installs whatever `need` requires and is missing.
pub fn ensure(root: &Path, need: Need) -> Result {
    put_cargo_bin_on_path();
    ensure_components()?;
    ensure_wasm_target()?;
    if need >= Need::Build {
        ensure_trunk()?;
        ensure_wasm_bindgen(root)?;
    }
    if need >= Need::Browser {
        ensure_debian_packages()?;
        ensure_npm_packages(root)?;
        ensure_python_packages(root)?;
    }
    Ok(())
}

fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo"));
    home.join("bin")
}

/// Tools that `cargo install` puts in `~/.cargo/bin` must be found by trunk too.
fn put_cargo_bin_on_path() {
    let bin = cargo_bin();
    let path = std::env::var_os("PATH").unwrap_or_default();
    if !std::env::split_paths(&path).any(|p| p == bin) {
        let joined =
            std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path))).expect("PATH entries");
        // SAFETY: called once at start-up, before xtask starts any thread.
        unsafe { std::env::set_var("PATH", joined) };
    }
}

pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

pub fn trunk() -> PathBuf {
    let installed = cargo_bin().join("trunk");
    if installed.exists() { installed } else { PathBuf::from("trunk") }
}

/// The first line a command prints, if it runs at all.
fn version_of(program: impl AsRef<std::ffi::OsStr>, arg: &str) -> Option<String> {
    let out = Command::new(program).arg(arg).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or_default().to_string())
}

fn ensure_wasm_target() -> Result {
    let installed =
        Command::new("rustup").args(["target", "list", "--installed"]).output().map_err(|e| format!("rustup: {e}"))?;
    if String::from_utf8_lossy(&installed.stdout).lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    println!("xtask: installing the wasm32-unknown-unknown target");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// rustfmt and clippy, which `cargo xtask test` runs (a minimal rustup profile lacks them).
fn ensure_components() -> Result {
    let installed = Command::new("rustup")
        .args(["component", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup: {e}"))?;
    let listed = String::from_utf8_lossy(&installed.stdout);
    let missing: Vec<&str> = ["rustfmt", "clippy"]
        .into_iter()
        .filter(|c| !listed.lines().any(|l| l.starts_with(&format!("{c}-"))))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("xtask: installing the rustup components {}", missing.join(" "));
    run(Command::new("rustup").args(["component", "add"]).args(&missing))
}

fn ensure_trunk() -> Result {
    if version_of(trunk(), "--version").is_some_and(|v| v.contains(TRUNK_VERSION)) {
        return Ok(());
    }
    println!("xtask: installing trunk {TRUNK_VERSION} (cargo install, a few minutes)");
    run(Command::new(crate::tools::cargo()).args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn locked_wasm_bindgen(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")).and_then(|v| v.strip_suffix('"'))
        {
            return Ok(v.to_string());
        }
    }
    Err("Cargo.lock lists no wasm-bindgen".into())
}

fn ensure_wasm_bindgen(root: &Path) -> Result {
    let version = locked_wasm_bindgen(root)?;
    if version_of("wasm-bindgen", "--version").is_some_and(|v| v.split_whitespace().nth(1) == Some(version.as_str())) {
        return Ok(());
    }
    println!("xtask: installing wasm-bindgen-cli {version} (matches Cargo.lock; a few minutes)");
    // Without --locked: the CLI's own lock file pins crates that no longer build here.
    run(Command::new(cargo()).args(["install", "wasm-bindgen-cli", "--version", &version]))
}

fn is_root() -> bool {
    version_of("id", "-u").is_some_and(|uid| uid.trim() == "0")
}

/// Runs apt-get as root (through sudo when needed), refreshing the package lists once if the
/// first attempt fails.
fn apt_install(packages: &[&str]) -> Result {
    let apt = |args: &[&str]| {
        let mut cmd = if is_root() {
            Command::new("apt-get")
        } else {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend_from_slice(packages);
    if apt(&install).is_ok() {
        return Ok(());
    }
    apt(&["update"])?;
    apt(&install)
}

fn dpkg_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

fn ensure_debian_packages() -> Result {
    let node_ok = version_of("node", "--version")
        .and_then(|v| v.trim_start_matches('v').split('.').next()?.parse::<u32>().ok())
        .is_some_and(|major| major >= 18);
    let mut missing: Vec<&str> =
        ["chromium", "chromium-driver", "fonts-noto-cjk"].into_iter().filter(|p| !dpkg_installed(p)).collect();
    if !node_ok {
        missing.extend(["nodejs", "npm"]);
    }
    if missing.is_empty() {
        return Ok(());
    }
    println!("xtask: installing Debian packages: {}", missing.join(" "));
    apt_install(&missing)
}

fn ensure_npm_packages(root: &Path) -> Result {
    let tests = root.join("tests");
    let stamp = tests.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = matches!((modified(&stamp), modified(&tests.join("package-lock.json"))), (Some(s), Some(l)) if s >= l);
    if fresh {
        return Ok(());
    }
    println!("xtask: installing the npm packages of tests/ (npm ci)");
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&tests))
}

/// `tests/.venv` with the pinned packages of `tests/requirements.txt`, made again whenever the
/// requirements are newer than the environment.
fn ensure_python_packages(root: &Path) -> Result {
    let tests = root.join("tests");
    let venv = tests.join(".venv");
    let stamp = venv.join("installed.txt");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = matches!((modified(&stamp), modified(&tests.join("requirements.txt"))), (Some(s), Some(r)) if s >= r);
    if fresh {
        return Ok(());
    }
    let has_venv =
        Command::new("python3").args(["-c", "import venv, ensurepip"]).output().is_ok_and(|o| o.status.success());
    if !has_venv {
        println!("xtask: installing Debian packages: python3 python3-venv");
        apt_install(&["python3", "python3-venv"])?;
    }
    println!("xtask: installing the Python packages of tests/ (tests/.venv)");
    run(Command::new("python3").args(["-m", "venv", "--clear"]).arg(&venv))?;
    run(Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt"])
        .current_dir(&tests))?;
    std::fs::copy(tests.join("requirements.txt"), &stamp).map(|_| ()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_file_names_a_wasm_bindgen() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let v = locked_wasm_bindgen(root).unwrap();
        assert!(v.starts_with("0.2."), "{v}");
    }
}
