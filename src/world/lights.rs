//! The artificial lights of a frame: every switched-on emitter of every drawn object
//! (head and tail lights, street lamps, signal lenses) becomes a point or spot light.

use crate::frame::PointLight;
use crate::scene::emitters::{Emitter, EmitterKind};
use glam::{Mat4, Vec3};

/// Per kind: irradiance scale (1 m away, per unit of the material's emission), range (m),
/// and spot cone (cosines of the inner and outer half-angles; −1 for point lights).
fn photometry(kind: EmitterKind) -> (f32, f32, f32, f32) {
    match kind {
        EmitterKind::Headlight => (4.0, 30.0, 0.966, 0.866),
        EmitterKind::Taillight => (0.03, 5.0, -1.0, -1.0),
        EmitterKind::StreetLamp => (1.2, 18.0, 0.766, 0.342),
        EmitterKind::Signal => (0.02, 8.0, -1.0, -1.0),
    }
}

/// The lights of an object placed by `transform` whose emission is scaled by `emissive`.
pub fn object_lights(emitters: &[Emitter], transform: Mat4, emissive: f32) -> Vec<PointLight> {
    if emissive <= 0.0 {
        return Vec::new();
    }
    emitters
        .iter()
        .map(|e| {
            let (scale, range, cos_inner, cos_outer) = photometry(e.kind);
            // Headlights look ahead (+Z) and a little down; lamp heads look down.
            let axis = match e.kind {
                EmitterKind::StreetLamp => Vec3::NEG_Y,
                _ => Vec3::new(0.0, -0.08, 1.0),
            };
            PointLight {
                position: transform.transform_point3(e.position),
                intensity: e.emission * (scale * emissive),
                range,
                direction: transform.transform_vector3(axis).normalize_or(axis),
                cos_inner,
                cos_outer,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlights_follow_the_car_and_switched_off_objects_cast_nothing() {
        let emitters = [Emitter {
            kind: EmitterKind::Headlight,
            position: Vec3::new(0.7, 0.7, 2.2),
            emission: Vec3::splat(3.0),
        }];
        let turned = Mat4::from_translation(Vec3::new(10.0, 0.0, 5.0))
            * Mat4::from_rotation_y(std::f32::consts::FRAC_PI_2);
        let lights = object_lights(&emitters, turned, 1.0);
        assert_eq!(lights.len(), 1);
        let l = lights[0];
        assert!(
            (l.position - Vec3::new(12.2, 0.7, 4.3)).length() < 1e-4,
            "{}",
            l.position
        );
        assert!(
            l.direction.x > 0.99,
            "turned 90° left, the beam points +X: {}",
            l.direction
        );
        assert!(l.cos_outer > -1.0 && l.cos_inner > l.cos_outer);
        assert!(object_lights(&emitters, turned, 0.0).is_empty());
    }
}
