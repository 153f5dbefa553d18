//! Release bundles without their `name` section. The section maps each wasm function to its Rust
//! name, for stack traces and profilers; the browser needs none of it, and in the page's bundle
//! it is about a fifth of the raw bytes (about 130 kB of the brotli copy). trunk 0.21 cannot ask
//! wasm-bindgen to leave it out, and `strip = true` in Cargo's profile also drops the section
//! that tells wasm-bindgen which wasm features are on, so it is taken out after the build. The
//! development builds (`cargo xtask serve`, the tests) keep their names.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::Result;

/// `bytes` (a wasm module) without its custom section named `name`; every other section kept
/// byte for byte. `None` when it has none, or is not a wasm module this reads.
pub fn without_names(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() < 8 || &bytes[..4] != b"\0asm" {
        return None;
    }
    let mut out = bytes[..8].to_vec();
    let mut at = 8;
    let mut found = false;
    while at < bytes.len() {
        let id = bytes[at];
        let (size, body) = leb128(bytes, at + 1)?;
        let end = body.checked_add(size)?;
        let section = bytes.get(at..end)?;
        let is_names = id == 0
            && leb128(bytes, body).is_some_and(|(len, name)| bytes.get(name..name + len) == Some(b"name".as_slice()));
        if is_names {
            found = true;
        } else {
            out.extend_from_slice(section);
        }
        at = end;
    }
    found.then_some(out)
}

/// An unsigned LEB128 number at `at`: its value and where what follows it starts.
fn leb128(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some((value, at));
        }
    }
    None
}

/// The subresource-integrity value trunk writes for a file: `sha384-` and the base64 digest.
fn integrity(bytes: &[u8]) -> String {
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes)))
}

/// Takes the `name` section out of every wasm bundle in `dist` and puts each changed file's
/// new integrity value into `index.html` where trunk wrote the old one.
pub fn strip(dist: &Path) -> Result {
    let index_path = dist.join("index.html");
    let mut index = std::fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().and_then(|x| x.to_str()) != Some("wasm") {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let Some(stripped) = without_names(&bytes) else { continue };
        index = index.replace(&integrity(&bytes), &integrity(&stripped));
        std::fs::write(&path, &stripped).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        println!("xtask: {name}: name section dropped, {} → {} bytes", bytes.len(), stripped.len());
    }
    std::fs::write(&index_path, index).map_err(|e| format!("{}: {e}", index_path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A custom section: id 0, its size, then its name and contents.
    fn custom(name: &str, contents: &[u8]) -> Vec<u8> {
        let mut body = vec![name.len() as u8];
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(contents);
        let mut s = vec![0, body.len() as u8];
        s.extend(body);
        s
    }

    #[test]
    fn only_the_name_section_goes() {
        let header = b"\0asm\x01\0\0\0".to_vec();
        let types = vec![1, 4, 1, 0x60, 0, 0]; // a type section: one function type () -> ()
        let bindgen = custom("__wasm_bindgen_unstable", b"metadata");
        let features = custom("target_features", b"+simd128");
        let names = custom("name", &[1, 3, 1, 0, 0]);
        let module = [header.clone(), types.clone(), bindgen.clone(), names, features.clone()].concat();
        assert_eq!(without_names(&module), Some([header, types, bindgen, features].concat()));
        let stripped = without_names(&module).unwrap();
        assert_eq!(without_names(&stripped), None, "nothing left to drop");
        assert_eq!(without_names(b"not wasm"), None);
        let mut cut = module.clone();
        cut.truncate(module.len() - 3);
        assert_eq!(without_names(&cut), None, "a damaged module is left alone");
    }

    #[test]
    fn integrity_is_trunks_sha384() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(integrity(b"abc"), "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn");
    }
}
