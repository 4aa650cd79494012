//! Oriented boxes on the ground plane and their overlap test (separating axes).

use glam::Vec2;

/// A rectangle on the ground (x, z plane), rotated by `yaw` about +Y.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Obb {
    /// Centre (x, z), metres.
    pub centre: Vec2,
    /// Half extents along the box's own x and z axes, metres.
    pub half: Vec2,
    /// Heading, radians: the box's +z axis points along `(sin yaw, cos yaw)`.
    pub yaw: f32,
}

impl Obb {
    /// The box of a ground footprint `(min, max)` given in an asset's own (x, z), for the
    /// asset placed at `at` (x, z) with heading `yaw`.
    pub fn placed(footprint: (Vec2, Vec2), at: Vec2, yaw: f32) -> Obb {
        let (min, max) = footprint;
        let local = (min + max) * 0.5;
        let offset = glam::Quat::from_rotation_y(yaw) * glam::Vec3::new(local.x, 0.0, local.y);
        Obb {
            centre: at + Vec2::new(offset.x, offset.z),
            half: (max - min) * 0.5,
            yaw,
        }
    }

    /// The box's own x and z axes in world (x, z) coordinates.
    fn axes(&self) -> [Vec2; 2] {
        let (s, c) = self.yaw.sin_cos();
        // Rotation about +Y by yaw maps local +x to (cos, -sin) and local +z to (sin, cos).
        [Vec2::new(c, -s), Vec2::new(s, c)]
    }

    /// Half the box's extent projected on the unit `axis`.
    fn radius_on(&self, axis: Vec2) -> f32 {
        let [ax, az] = self.axes();
        self.half.x * ax.dot(axis).abs() + self.half.y * az.dot(axis).abs()
    }

    /// The box grown by `margin` on every side.
    pub fn grown(&self, margin: f32) -> Obb {
        Obb {
            half: self.half + Vec2::splat(margin),
            ..*self
        }
    }

    /// The four corners (for tests and debugging).
    pub fn corners(&self) -> [Vec2; 4] {
        let [ax, az] = self.axes();
        let (x, z) = (ax * self.half.x, az * self.half.y);
        [
            self.centre - x - z,
            self.centre + x - z,
            self.centre + x + z,
            self.centre - x + z,
        ]
    }

    /// Whether the two boxes' interiors overlap: no separating axis among the four edge
    /// normals. Boxes that only touch do not overlap.
    pub fn overlaps(&self, other: &Obb) -> bool {
        let d = other.centre - self.centre;
        self.axes()
            .into_iter()
            .chain(other.axes())
            .all(|axis| d.dot(axis).abs() < self.radius_on(axis) + other.radius_on(axis))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f32::consts::FRAC_PI_4;

    fn rect(x: f32, z: f32, hx: f32, hz: f32, yaw: f32) -> Obb {
        Obb {
            centre: Vec2::new(x, z),
            half: Vec2::new(hx, hz),
            yaw,
        }
    }

    #[test]
    fn axis_aligned_boxes() {
        let a = rect(0.0, 0.0, 1.0, 2.0, 0.0);
        assert!(a.overlaps(&rect(1.9, 0.0, 1.0, 1.0, 0.0)));
        assert!(
            !a.overlaps(&rect(2.0, 0.0, 1.0, 1.0, 0.0)),
            "touching is not overlap"
        );
        assert!(!a.overlaps(&rect(0.0, 3.1, 1.0, 1.0, 0.0)));
    }

    #[test]
    fn rotation_matters() {
        // A unit square rotated 45° reaches sqrt(2) along x: it overlaps a box at
        // x = 2.3 (edge at 1.3) only when rotated.
        let other = rect(2.3, 0.0, 1.0, 1.0, 0.0);
        assert!(!rect(0.0, 0.0, 1.0, 1.0, 0.0).overlaps(&other));
        assert!(rect(0.0, 0.0, 1.0, 1.0, FRAC_PI_4).overlaps(&other));
        // Diagonal gap: two rotated boxes whose AABBs overlap but whose shapes do not.
        let a = rect(0.0, 0.0, 2.0, 0.2, FRAC_PI_4);
        // Side by side across their long axis (local x = (1, -1)/√2), 1.41 m apart.
        let b = rect(1.0, 1.0, 2.0, 0.2, FRAC_PI_4);
        assert!(!a.overlaps(&b));
        assert!(!a.overlaps(&b.grown(1.0)));
        assert!(a.overlaps(&b.grown(1.3)));
    }

    #[test]
    fn corners_follow_yaw() {
        let b = rect(0.0, 0.0, 1.0, 2.0, std::f32::consts::FRAC_PI_2);
        // Yaw 90° turns the long (z) axis onto +x.
        let max_x = b.corners().iter().map(|c| c.x).fold(f32::MIN, f32::max);
        assert!((max_x - 2.0).abs() < 1e-5);
    }
}
