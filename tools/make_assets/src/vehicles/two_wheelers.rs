//! Two-wheelers: a motorcycle ([`super::motorcycle`]) and a bicycle
//! ([`super::bicycle`]). Their mount points (axles, saddle, grips, pegs, crank) are
//! fixed here, because the rider assets are placed with the same transform.

use glam::Vec3;

/// Bicycle mount points (vehicle space, metres).
pub(crate) mod bike {
    use glam::Vec3;
    /// Rear wheel axle.
    pub const REAR_AXLE: Vec3 = Vec3::new(0.0, 0.34, -0.52);
    /// Front wheel axle.
    pub const FRONT_AXLE: Vec3 = Vec3::new(0.0, 0.34, 0.53);
    /// Top centre of the saddle.
    pub const SADDLE: Vec3 = Vec3::new(0.0, 0.95, -0.27);
    /// Left handlebar grip centre (the right one mirrors x).
    pub const GRIP: Vec3 = Vec3::new(0.28, 1.02, 0.40);
    /// Crank axle (bottom bracket).
    pub const CRANK: Vec3 = Vec3::new(0.0, 0.30, -0.02);
    /// Crank length.
    pub const CRANK_LEN: f32 = 0.17;
    /// Wheel radius (tyre outside).
    pub const WHEEL_R: f32 = 0.34;
}

/// Motorcycle mount points (vehicle space, metres).
pub(crate) mod moto {
    use glam::Vec3;
    /// Rear wheel axle.
    pub const REAR_AXLE: Vec3 = Vec3::new(0.0, 0.31, -0.70);
    /// Front wheel axle.
    pub const FRONT_AXLE: Vec3 = Vec3::new(0.0, 0.31, 0.72);
    /// Top centre of the seat.
    pub const SEAT: Vec3 = Vec3::new(0.0, 0.80, -0.20);
    /// Left handlebar grip centre (the right one mirrors x).
    pub const GRIP: Vec3 = Vec3::new(0.36, 1.02, 0.42);
    /// Left foot peg (the right one mirrors x).
    pub const PEG: Vec3 = Vec3::new(0.18, 0.36, -0.05);
    /// Wheel radius (tyre outside).
    pub const WHEEL_R: f32 = 0.31;
}

/// Mirrors a point across x = 0.
pub(super) fn mx(v: Vec3) -> Vec3 {
    Vec3::new(-v.x, v.y, v.z)
}
