//! The default recolour rules: car paint in the proportions real fleets show (mostly
//! white, black, grey and silver; few bright colours), clothing, skin tones and hair.

use super::colour_dist::ColourDist;
use super::dist::Dist;
use super::domain::Fraction;
use super::randomisers::Recolour;

/// Car paint by share of new cars worldwide (white about a third, then black, grey,
/// silver; blue and red about 7 % each; everything else a few per cent together).
pub const CAR_PAINT: &[(u32, f64)] = &[
    (0xf2f2ef, 26.0), // white
    (0xe6e2d8, 9.0),  // pearl white
    (0x0d0d10, 19.0), // black
    (0x3c3f43, 10.0), // dark grey
    (0x74777b, 8.0),  // grey
    (0xa8abae, 9.0),  // silver
    (0x1d2b4c, 4.0),  // dark blue
    (0x2f5d9e, 3.0),  // blue
    (0x8c1c1f, 4.0),  // dark red
    (0xc1262c, 3.0),  // red
    (0x5b4232, 1.0),  // brown
    (0xb9a98b, 1.0),  // beige
    (0x2e4a36, 1.0),  // green
    (0xd8b42a, 0.7),  // yellow
    (0xd2661f, 0.6),  // orange
    (0x6c7a3b, 0.3),  // olive
];

/// Tops: dark and neutral colours dominate street clothing, with some colour.
pub const TOPS: &[(u32, f64)] = &[
    (0x141416, 20.0), // black
    (0x1f2a44, 12.0), // navy
    (0x5c5f63, 10.0), // grey
    (0xe9e7e1, 9.0),  // white
    (0x3d5f8c, 7.0),  // blue
    (0x7a2225, 6.0),  // burgundy
    (0xb3302f, 5.0),  // red
    (0x3e5b3c, 6.0),  // green
    (0xb8a285, 7.0),  // beige
    (0x6b4a35, 5.0),  // brown
    (0xd9b43b, 4.0),  // yellow
    (0xd98aa5, 3.0),  // pink
    (0xe07b39, 3.0),  // orange
    (0x6b4f8a, 3.0),  // purple
];

/// Bottoms: denim, black, grey, khaki.
pub const BOTTOMS: &[(u32, f64)] = &[
    (0x2c3e5c, 25.0), // dark denim
    (0x50698f, 15.0), // light denim
    (0x17171a, 25.0), // black
    (0x4d4f53, 12.0), // grey
    (0xa39273, 10.0), // khaki
    (0x5e4634, 6.0),  // brown
    (0x2f3b2d, 4.0),  // dark green
    (0xe5e1d8, 3.0),  // white
];

/// Skin tones across the Fitzpatrick scale.
pub const SKIN: &[(u32, f64)] = &[
    (0xf3d5c4, 1.0),
    (0xe6b899, 1.0),
    (0xcf9a78, 1.0),
    (0xa86d4d, 1.0),
    (0x7d4a31, 1.0),
    (0x4a2a1d, 1.0),
];

/// Hair: black and browns dominate; blond, red and grey less often.
pub const HAIR: &[(u32, f64)] = &[
    (0x111011, 30.0), // black
    (0x2e2019, 25.0), // dark brown
    (0x5a3d28, 15.0), // brown
    (0xa47d4e, 10.0), // dark blond
    (0xd5b77c, 6.0),  // blond
    (0x8c3f1f, 4.0),  // red
    (0x9a9793, 10.0), // grey
];

fn palette(colours: &[(u32, f64)], jitter: [f64; 3]) -> Option<ColourDist> {
    Some(ColourDist::Palette {
        colours: colours.to_vec(),
        jitter,
    })
}

fn rule(name: &str, materials: &[&str], colour: Option<ColourDist>) -> Recolour {
    Recolour {
        name: name.into(),
        materials: materials.iter().map(|m| (*m).into()).collect(),
        colour,
        roughness: None,
        metallic: None,
    }
}

/// Car paint (colour, roughness, metallic flake), clothing, skin and hair.
pub fn default_recolour() -> Vec<Recolour> {
    let mut paint = rule("paint", &["paint"], palette(CAR_PAINT, [2.0, 0.03, 0.04]));
    paint.roughness = Some(Fraction(Dist::Normal {
        mean: 0.3,
        sd: 0.1,
        clamp: Some((0.08, 0.7)),
    }));
    paint.metallic = Some(Fraction(Dist::Choice(vec![(0.0, 0.55), (0.6, 0.45)])));
    vec![
        paint,
        rule(
            "top",
            &["shirt", "jacket", "coat", "dress"],
            palette(TOPS, [6.0, 0.08, 0.08]),
        ),
        rule(
            "bottom",
            &["jeans", "trousers", "shorts", "skirt"],
            palette(BOTTOMS, [4.0, 0.06, 0.06]),
        ),
        rule("skin", &["skin"], palette(SKIN, [2.0, 0.04, 0.05])),
        rule("hair", &["hair"], palette(HAIR, [3.0, 0.05, 0.05])),
    ]
}
