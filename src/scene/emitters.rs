//! Where an asset's lights are: the emissive parts that also cast light (head and tail
//! lights, street lamp heads, signal lenses), found once when the scene loads. A light
//! material split across the asset's centre line (a pair of headlights in one primitive)
//! gives one emitter per side.

use crate::importer::Asset;
use glam::Vec3;

/// What kind of light an emissive material casts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmitterKind {
    /// A headlight: a forward spot beam.
    Headlight,
    /// A tail light: a dim red glow behind.
    Taillight,
    /// A street lamp head: a downward spot.
    StreetLamp,
    /// A signal lens: a small coloured glow.
    Signal,
}

impl EmitterKind {
    /// The kind a glTF material name casts, if any (lit windows only glow).
    pub fn of(material: &str) -> Option<Self> {
        match material {
            "headlight" => Some(Self::Headlight),
            "taillight" => Some(Self::Taillight),
            "lamp_sodium" => Some(Self::StreetLamp),
            m if m.starts_with("lamp_") => Some(Self::Signal),
            _ => None,
        }
    }
}

/// One light source of an asset, in asset space.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Emitter {
    /// Kind.
    pub kind: EmitterKind,
    /// Centre of the emissive surface, asset space, metres.
    pub position: Vec3,
    /// The material's emission (factor × strength), linear RGB.
    pub emission: Vec3,
}

/// Half-width (m) beyond which a light material on both sides of x = 0 is two lights.
const PAIR_SPLIT_M: f32 = 0.25;

/// The emitters of `asset`: per light material, the centre of its surface, split in two
/// along x when it lies on both sides of the centre line.
pub fn emitters(asset: &Asset) -> Vec<Emitter> {
    let mut out = Vec::new();
    for (index, material) in asset.materials.iter().enumerate() {
        let Some(kind) = EmitterKind::of(&material.name) else {
            continue;
        };
        let emission = Vec3::from(material.emissive());
        if emission.max_element() <= 0.0 {
            continue;
        }
        let points: Vec<Vec3> = asset
            .parts
            .iter()
            .filter(|part| asset.primitives[part.primitive].material == index)
            .flat_map(|part| {
                asset.primitives[part.primitive]
                    .vertices
                    .iter()
                    .map(|v| part.transform.transform_point3(Vec3::from(v.position)))
            })
            .collect();
        if points.is_empty() {
            continue;
        }
        let (lo, hi) = bounds(&points);
        let sides: Vec<Vec<Vec3>> = if lo.x < -PAIR_SPLIT_M && hi.x > PAIR_SPLIT_M {
            let (left, right): (Vec<Vec3>, Vec<Vec3>) = points.iter().partition(|p| p.x < 0.0);
            vec![left, right]
        } else {
            vec![points]
        };
        for side in sides {
            let (lo, hi) = bounds(&side);
            out.push(Emitter {
                kind,
                position: (lo + hi) * 0.5,
                emission,
            });
        }
    }
    out
}

fn bounds(points: &[Vec3]) -> (Vec3, Vec3) {
    points.iter().fold(
        (Vec3::splat(f32::INFINITY), Vec3::splat(f32::NEG_INFINITY)),
        |(lo, hi), p| (lo.min(*p), hi.max(*p)),
    )
}
