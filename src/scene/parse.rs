//! RON parsing with field paths and positions in every error.

use super::SceneError;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `text` as `T`, turning any error into file:line:column plus the field path.
/// `Option` fields may be written without `Some(..)` (RON's implicit_some).
pub fn parse_ron<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, SceneError> {
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut de = match ron::Deserializer::from_str_with_options(text, &options) {
        Ok(de) => de,
        Err(e) => return Err(spanned(path, "", e)),
    };
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = e.path().to_string();
        let field = if field == "." {
            String::new()
        } else {
            format!("{field}: ")
        };
        let spanned_error = de.span_error(e.into_inner());
        spanned(path, &field, spanned_error)
    })?;
    de.end().map_err(|e| spanned(path, "", de.span_error(e)))?;
    Ok(value)
}

fn spanned(path: &Path, field: &str, e: ron::error::SpannedError) -> SceneError {
    SceneError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        field: field.to_owned(),
        message: e.code.to_string(),
    }
}

/// 1-based (line, column) of the first occurrence of `"needle"` (quoted) in `text`, or (1, 1).
pub fn locate_string(text: &str, needle: &str) -> (usize, usize) {
    let quoted = format!("\"{needle}\"");
    text.find(&quoted)
        .map_or((1, 1), |offset| line_column(text, offset))
}

/// 1-based (line, column) of the first field `key:` in `text` (the key as a whole word
/// followed by `:`; comments are not skipped), or (1, 1).
pub fn locate_key(text: &str, key: &str) -> (usize, usize) {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let found = text.match_indices(key).find(|&(offset, _)| {
        let before = text[..offset].chars().next_back();
        let after = text[offset + key.len()..].trim_start().chars().next();
        !before.is_some_and(is_word) && after == Some(':')
    });
    found.map_or((1, 1), |(offset, _)| line_column(text, offset))
}

/// 1-based (line, column) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rfind('\n').map_or(offset, |nl| offset - nl - 1) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        a: f32,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        inner: Inner,
    }

    #[test]
    fn locates_a_key_as_a_whole_word_before_a_colon() {
        let text = "(\n  name: \"street\",\n  substreet: 1,\n  street : (\n";
        assert_eq!(locate_key(text, "street"), (4, 3));
        assert_eq!(locate_key(text, "lanes"), (1, 1));
    }

    #[test]
    fn unknown_field_names_path_and_position() {
        let text = "(\n  inner: (a: 1.0, b: 2.0),\n)";
        let err = parse_ron::<Outer>(Path::new("x.ron"), text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.ron:2:"), "{err}");
        assert!(err.contains("inner"), "{err}");
        assert!(err.contains('b'), "{err}");
    }

    #[test]
    fn wrong_type_names_field() {
        let text = "(inner: (a: \"no\"))";
        let err = parse_ron::<Outer>(Path::new("x.ron"), text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("inner.a"), "{err}");
    }

    #[test]
    fn locate_finds_line_and_column() {
        assert_eq!(locate_string("a\n  \"car\"", "car"), (2, 3));
        assert_eq!(locate_string("\"x\"", "x"), (1, 1));
    }
}
