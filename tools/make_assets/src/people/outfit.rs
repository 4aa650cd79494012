//! What a person wears and looks like (garments, hair, helmet, backpack, colours), how
//! far each garment reaches, and the PBR materials made from it.

use crate::gltf::Pbr;

/// Upper-body garment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Top {
    /// Short sleeves, hem over the waistband.
    TShirt,
    /// Long sleeves (sweater, blouse, cycling jersey).
    LongSleeve,
    /// Hip-length jacket with a collar.
    Jacket,
    /// Knee-length coat with a collar.
    Coat,
    /// Short-sleeved dress with a skirt to above the knee (no separate bottom).
    Dress,
}

/// Lower-body garment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Bottom {
    /// Loose full-length trousers.
    Trousers,
    /// Slim denim jeans.
    Jeans,
    /// Shorts to above the knee.
    Shorts,
    /// Skirt to above the knee.
    Skirt,
    /// Nothing separate (worn with a dress).
    None,
}

/// Hair cut, all built from ellipsoid-like caps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Hair {
    /// Very short, close to the scalp.
    Buzz,
    /// Short cut.
    Short,
    /// Chin-length bob.
    Bob,
    /// Shoulder-length hair down the back.
    Long,
    /// Tied back in a ponytail.
    Ponytail,
}

/// Head protection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Helmet {
    /// Cycling helmet: an elongated shell over the crown.
    Bicycle,
    /// Full-face motorcycle helmet with a dark visor.
    FullFace,
}

/// A material slot of a body part; [`Look::material`] turns it into a named PBR material.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Mat {
    /// Bare skin (face, hands, arms, legs).
    Skin,
    /// Hair.
    Hair,
    /// The upper garment.
    Top,
    /// The lower garment.
    Bottom,
    /// Shoes.
    Shoes,
    /// Helmet shell.
    Helmet,
    /// Helmet visor.
    Visor,
    /// Backpack.
    Backpack,
}

/// A person's appearance. Colours are sRGB hex (0xRRGGBB), converted to linear.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Look {
    /// Skin tone.
    pub skin: u32,
    /// Hair cut and colour.
    pub hair: (Hair, u32),
    /// Upper garment and colour.
    pub top: (Top, u32),
    /// Lower garment and colour.
    pub bottom: (Bottom, u32),
    /// Shoe colour.
    pub shoes: u32,
    /// Helmet and shell colour, if any.
    pub helmet: Option<(Helmet, u32)>,
    /// Backpack colour, if any.
    pub backpack: Option<u32>,
}

/// Linear RGB of an sRGB hex colour.
pub(crate) fn srgb(hex: u32) -> [f64; 3] {
    let lin = |c: u32| {
        let c = f64::from(c & 0xff) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    [lin(hex >> 16), lin(hex >> 8), lin(hex)]
}

impl Look {
    /// The named PBR material of a slot (fabric is rough, skin and leather less so).
    pub fn material(&self, m: Mat) -> Pbr {
        let (name, hex, rough) = match m {
            Mat::Skin => ("skin", self.skin, 0.5),
            Mat::Hair => ("hair", self.hair.1, 0.55),
            Mat::Top => match self.top.0 {
                Top::TShirt | Top::LongSleeve => ("shirt", self.top.1, 0.9),
                Top::Jacket => ("jacket", self.top.1, 0.55),
                Top::Coat => ("coat", self.top.1, 0.92),
                Top::Dress => ("dress", self.top.1, 0.8),
            },
            Mat::Bottom => match self.bottom.0 {
                Bottom::Jeans => ("jeans", self.bottom.1, 0.88),
                Bottom::Shorts => ("shorts", self.bottom.1, 0.85),
                Bottom::Skirt => ("skirt", self.bottom.1, 0.8),
                Bottom::Trousers | Bottom::None => ("trousers", self.bottom.1, 0.85),
            },
            Mat::Shoes => ("shoes", self.shoes, 0.55),
            Mat::Helmet => ("helmet", self.helmet.map_or(0, |h| h.1), 0.3),
            Mat::Visor => ("visor", 0x101216, 0.05),
            Mat::Backpack => ("backpack", self.backpack.unwrap_or(0), 0.7),
        };
        Pbr::new(name, srgb(hex), rough)
    }

    /// How far the sleeves reach in arm units: 0..1 along the upper arm, 1..2 the forearm.
    pub fn sleeve(&self) -> f32 {
        match self.top.0 {
            Top::TShirt => 0.45,
            Top::Dress => 0.3,
            Top::LongSleeve => 1.96,
            Top::Jacket | Top::Coat => 1.93,
        }
    }

    /// How far the trouser legs reach in leg units: 0..1 the thigh, 1..2 the shin.
    pub fn trouser_leg(&self) -> f32 {
        match self.bottom.0 {
            Bottom::Trousers | Bottom::Jeans => 2.0,
            Bottom::Shorts => 0.62,
            Bottom::Skirt | Bottom::None => 0.0,
        }
    }

    /// Cloth thickness of the upper garment over the body, metres (before scaling).
    pub fn top_grow(&self) -> f32 {
        match self.top.0 {
            Top::TShirt | Top::LongSleeve | Top::Dress => 0.006,
            Top::Jacket => 0.012,
            Top::Coat => 0.016,
        }
    }

    /// Cloth thickness of the trouser legs, metres.
    pub fn leg_grow(&self) -> f32 {
        match self.bottom.0 {
            Bottom::Jeans => 0.005,
            Bottom::Shorts => 0.014,
            _ => 0.011,
        }
    }

    /// Whether a skirt-like piece hangs from the hips, and in which material.
    pub fn skirt(&self) -> Option<Mat> {
        match (self.top.0, self.bottom.0) {
            (Top::Coat | Top::Dress, _) => Some(Mat::Top),
            (_, Bottom::Skirt) => Some(Mat::Bottom),
            _ => None,
        }
    }
}
