//! glTF URIs: embedded `data:` URIs (base64) and relative file references read through the
//! same [`FileSource`] as the asset.

use super::ImportError;
use crate::source::{self, FileSource};
use base64::Engine as _;
use std::borrow::Cow;
use std::path::Path;

/// Standard base64 that accepts payloads with or without `=` padding.
const BASE64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
);

/// Returns the bytes `uri` refers to. `asset` is the glTF file (relative URIs are resolved
/// against its directory), `item` names the referrer for error messages (`buffer 0`).
pub(crate) fn read(
    source: &dyn FileSource,
    asset: &Path,
    item: &str,
    uri: &str,
) -> Result<Cow<'static, [u8]>, ImportError> {
    if let Some(rest) = strip_prefix_ignore_case(uri, "data:") {
        return decode_data_uri(rest)
            .map(Cow::Owned)
            .map_err(|reason| ImportError::DataUri {
                path: asset.to_path_buf(),
                item: item.to_owned(),
                reason,
            });
    }
    if has_scheme(uri) {
        return Err(ImportError::UnsupportedUri {
            path: asset.to_path_buf(),
            item: item.to_owned(),
            uri: uri.to_owned(),
        });
    }
    let relative = percent_decode(uri).ok_or_else(|| ImportError::Invalid {
        path: asset.to_path_buf(),
        item: item.to_owned(),
        reason: format!("URI {uri:?} is not valid UTF-8 after percent-decoding"),
    })?;
    let file = source::join(asset, &relative);
    source.read(&file).map_err(|err| ImportError::External {
        path: asset.to_path_buf(),
        item: item.to_owned(),
        file,
        source: err,
    })
}

/// Decodes the part of a data URI after `data:`: `[<mime>][;params];base64,<payload>`.
fn decode_data_uri(rest: &str) -> Result<Vec<u8>, String> {
    let (header, payload) = rest
        .split_once(',')
        .ok_or_else(|| "data URI has no ',' before its payload".to_owned())?;
    let is_base64 = header
        .rsplit(';')
        .next()
        .is_some_and(|last| last.eq_ignore_ascii_case("base64"));
    if !is_base64 {
        return Err("data URI is not base64-encoded (';base64' missing)".to_owned());
    }
    BASE64
        .decode(payload.trim())
        .map_err(|err| format!("data URI is not valid base64 ({err})"))
}

fn strip_prefix_ignore_case<'s>(text: &'s str, prefix: &str) -> Option<&'s str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// True when `uri` starts with `scheme:` (RFC 3986: a letter, then letters, digits, `+-.`).
/// Single-letter schemes are treated as Windows drive letters, not schemes.
fn has_scheme(uri: &str) -> bool {
    let Some(colon) = uri.find(':') else {
        return false;
    };
    let scheme = &uri[..colon];
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Decodes `%XX` escapes; `None` when the result is not UTF-8. Malformed escapes are kept as-is.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(
            percent_decode("a%20b%2Fc.bin").as_deref(),
            Some("a b/c.bin")
        );
        assert_eq!(percent_decode("100%").as_deref(), Some("100%"));
        assert_eq!(percent_decode("%zz").as_deref(), Some("%zz"));
        assert_eq!(percent_decode("%ff"), None);
    }

    #[test]
    fn schemes() {
        assert!(has_scheme("http://x/y.bin"));
        assert!(has_scheme("file:///y.bin"));
        assert!(!has_scheme("y.bin"));
        assert!(!has_scheme("C:/y.bin"));
        assert!(!has_scheme("dir/a:b.bin"));
    }

    #[test]
    fn data_uris() {
        assert_eq!(
            decode_data_uri("application/octet-stream;base64,AAEC").unwrap(),
            vec![0, 1, 2]
        );
        assert_eq!(
            decode_data_uri("application/gltf-buffer;base64,AAE").unwrap(),
            vec![0, 1]
        );
        assert!(decode_data_uri("text/plain,hello").is_err());
        assert!(
            decode_data_uri(";base64,!!!!")
                .unwrap_err()
                .contains("not valid base64")
        );
    }
}
