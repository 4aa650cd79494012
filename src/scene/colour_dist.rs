//! Colour distributions: a constant, per-channel distributions in linear RGB or HSV, a
//! black-body temperature, or a weighted palette with jitter (car paint, clothing).

use super::dist::{Dist, check_weight};
use super::domain::{Fraction, Positive};
use serde::Deserialize;
use serde::de::{self, Deserializer};

/// A distribution of colours. See `docs/distributions.md` for the RON syntax.
#[derive(Clone, Debug, PartialEq)]
pub enum ColourDist {
    /// A constant linear RGB colour, written `(r, g, b)`.
    Linear([f64; 3]),
    /// A constant sRGB colour, written `"#RRGGBB"`.
    Hex(u32),
    /// Linear RGB, one distribution per channel (each 0 or more).
    Rgb(Fraction, Fraction, Fraction),
    /// HSV in sRGB space: hue in degrees, saturation and value in 0..=1.
    Hsv(Dist, Fraction, Fraction),
    /// A black body at this temperature in kelvin, at unit luminance.
    Kelvin(Positive),
    /// One of the sRGB colours with probability proportional to its weight, then jittered
    /// uniformly by ± `jitter` (hue degrees, saturation, value).
    Palette {
        /// `("#RRGGBB", weight)` pairs.
        colours: Vec<(u32, f64)>,
        /// ± hue (degrees), saturation and value added uniformly.
        jitter: [f64; 3],
    },
}

#[derive(Deserialize)]
enum Tagged {
    Rgb(Dist, Dist, Dist),
    Hsv(Dist, Dist, Dist),
    Kelvin(Dist),
    Palette {
        colours: Vec<(String, f64)>,
        #[serde(default)]
        jitter: (f64, f64, f64),
    },
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Written {
    Linear(f64, f64, f64),
    Hex(String),
    Tagged(Tagged),
}

const COLOUR_FORMS: &str = "a linear (r, g, b), \"#RRGGBB\", Rgb(r, g, b), Hsv(h, s, v), \
    Kelvin(k) or Palette(colours: [(\"#RRGGBB\", weight), ...], jitter: (h, s, v))";

/// Parses `"#RRGGBB"` into `0xRRGGBB`.
pub fn parse_hex(text: &str) -> Result<u32, String> {
    let digits = text
        .strip_prefix('#')
        .filter(|d| d.len() == 6)
        .ok_or_else(|| format!("colour {text:?} is not \"#RRGGBB\""))?;
    u32::from_str_radix(digits, 16).map_err(|_| format!("colour {text:?} is not \"#RRGGBB\""))
}

fn from_written(written: Written) -> Result<ColourDist, String> {
    Ok(match written {
        Written::Linear(r, g, b) => {
            if [r, g, b].iter().any(|c| !(c.is_finite() && *c >= 0.0)) {
                return Err(format!(
                    "colour channels must be 0 or more, got ({r}, {g}, {b})"
                ));
            }
            ColourDist::Linear([r, g, b])
        }
        Written::Hex(text) => ColourDist::Hex(parse_hex(&text)?),
        Written::Tagged(Tagged::Rgb(r, g, b)) => {
            let channel = |d, name| Fraction::new(d).map_err(|e| format!("Rgb {name}: {e}"));
            ColourDist::Rgb(
                channel(r, "red")?,
                channel(g, "green")?,
                channel(b, "blue")?,
            )
        }
        Written::Tagged(Tagged::Hsv(h, s, v)) => {
            let s = Fraction::new(s).map_err(|e| format!("Hsv saturation: {e}"))?;
            let v = Fraction::new(v).map_err(|e| format!("Hsv value: {e}"))?;
            ColourDist::Hsv(h, s, v)
        }
        Written::Tagged(Tagged::Kelvin(k)) => {
            ColourDist::Kelvin(Positive::new(k).map_err(|e| format!("Kelvin: {e}"))?)
        }
        Written::Tagged(Tagged::Palette { colours, jitter }) => palette(colours, jitter)?,
    })
}

fn palette(colours: Vec<(String, f64)>, jitter: (f64, f64, f64)) -> Result<ColourDist, String> {
    if colours.is_empty() {
        return Err("Palette needs at least one (\"#RRGGBB\", weight)".into());
    }
    let jitter = [jitter.0, jitter.1, jitter.2];
    if jitter.iter().any(|j| !(j.is_finite() && *j >= 0.0)) {
        return Err(format!("Palette jitter must be 0 or more, got {jitter:?}"));
    }
    let colours = colours
        .into_iter()
        .map(|(hex, weight)| {
            check_weight(weight)?;
            Ok((parse_hex(&hex)?, weight))
        })
        .collect::<Result<_, String>>()?;
    Ok(ColourDist::Palette { colours, jitter })
}

impl ColourDist {
    /// Whether it always gives the same colour.
    pub fn is_constant(&self) -> bool {
        match self {
            ColourDist::Linear(_) | ColourDist::Hex(_) => true,
            ColourDist::Rgb(r, g, b) => r.is_constant() && g.is_constant() && b.is_constant(),
            ColourDist::Hsv(h, s, v) => h.is_constant() && s.is_constant() && v.is_constant(),
            ColourDist::Kelvin(k) => k.is_constant(),
            ColourDist::Palette { colours, jitter } => {
                colours.len() == 1 && jitter.iter().all(|j| *j == 0.0)
            }
        }
    }
}

impl<'de> Deserialize<'de> for ColourDist {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let written = Written::deserialize(d).map_err(|e: D::Error| {
            if e.to_string().contains("did not match any variant") {
                de::Error::custom(format!("expected {COLOUR_FORMS}"))
            } else {
                e
            }
        })?;
        from_written(written).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ColourDist, String> {
        ron::from_str::<ColourDist>(text).map_err(|e| e.to_string())
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(
            parse("(0.5, 0.25, 1)").unwrap(),
            ColourDist::Linear([0.5, 0.25, 1.0])
        );
        assert_eq!(parse("\"#ff8000\"").unwrap(), ColourDist::Hex(0xff8000));
        assert!(matches!(
            parse("Hsv((0, 360), 0.5, (0.2, 0.9))").unwrap(),
            ColourDist::Hsv(..)
        ));
        assert!(matches!(
            parse("Kelvin((3000, 6500))").unwrap(),
            ColourDist::Kelvin(_)
        ));
        let p = parse(
            "Palette(colours: [(\"#ffffff\", 3), (\"#000000\", 1)], jitter: (2, 0.02, 0.05))",
        )
        .unwrap();
        assert_eq!(
            p,
            ColourDist::Palette {
                colours: vec![(0xffffff, 3.0), (0, 1.0)],
                jitter: [2.0, 0.02, 0.05]
            }
        );
    }

    #[test]
    fn rejects_bad_colours() {
        for (text, reason) in [
            ("\"#ff80\"", "#RRGGBB"),
            ("(0.5, -1, 0)", "0 or more"),
            ("Palette(colours: [])", "at least one"),
            ("Palette(colours: [(\"#ffffff\", 0)])", "above 0"),
            ("Hsv(0, 1.5, 1)", "between 0 and 1"),
            ("Kelvin(0)", "above 0"),
            ("Sepia(1)", "expected a linear"),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.contains(reason), "{text}: {e}");
        }
    }
}
