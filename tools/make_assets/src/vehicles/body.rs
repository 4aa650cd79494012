//! Car bodies lofted through cross-section stations along Z: each station gives a
//! rounded section (sill, flank, shoulder, greenhouse, roof rail, roof) and says which
//! of its following surfaces are glass, so the one loft carries bonnet and boot slopes,
//! windscreen, side windows and pillars. Also places arches, seams and the interior.

use super::kit::{Mat, Parts, moved};
use super::parts::{arc_band, fan, loft, strip};
use crate::geom::{MeshData, tapered_box};
use glam::{Quat, Vec3};

/// Which surfaces of the interval behind a station are glass.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Win {
    /// None.
    No,
    /// The greenhouse sides (side windows).
    Side,
    /// The top (windscreen or rear window).
    Top,
    /// Both (the windscreen interval with the front of the side windows).
    Both,
}

/// One cross-section of a body at `z`.
#[derive(Clone, Copy, Debug)]
pub(super) struct St {
    /// Position along the body.
    pub z: f32,
    /// Underside height.
    pub y0: f32,
    /// Shoulder (belt line) height.
    pub belt: f32,
    /// Top centre height (bonnet, roof or boot).
    pub top: f32,
    /// Half width of the flanks.
    pub hw: f32,
    /// Half width of the greenhouse at the roof rail.
    pub gh: f32,
    /// Glass in the interval towards the next station.
    pub win: Win,
}

/// Shorthand for a station.
pub(super) const fn st(z: f32, y0: f32, belt: f32, top: f32, hw: f32, gh: f32, win: Win) -> St {
    St {
        z,
        y0,
        belt,
        top,
        hw,
        gh,
        win,
    }
}

/// Ring segments: 3 and 7 are the greenhouse sides, 5 the top, 11 the underside,
/// 0 and 10 the lower flanks.
const SIDE_GLASS: [usize; 2] = [3, 7];

impl St {
    /// The +X half of the section, bottom to top (x, y).
    fn half(&self) -> [(f32, f32); 6] {
        let rail = ((self.top - self.belt) * 0.5).min(0.06);
        [
            (self.hw - 0.07, self.y0),
            (self.hw, self.y0 + 0.13),
            (self.hw, self.belt - 0.08),
            (self.hw - 0.03, self.belt),
            (self.gh, self.top - rail),
            (self.gh - 0.08, self.top),
        ]
    }

    /// The closed ring: +X side bottom to top, then the −X side top to bottom.
    fn ring(&self) -> Vec<Vec3> {
        let h = self.half();
        let left = h.iter().map(|&(x, y)| Vec3::new(x, y, self.z));
        let right = h.iter().rev().map(|&(x, y)| Vec3::new(-x, y, self.z));
        left.chain(right).collect()
    }

    /// The section a fraction `t` of the way to `o` (keeps this station's glass flags).
    fn lerp(&self, o: &St, t: f32) -> St {
        let l = |a: f32, b: f32| a + (b - a) * t;
        st(
            l(self.z, o.z),
            l(self.y0, o.y0),
            l(self.belt, o.belt),
            l(self.top, o.top),
            l(self.hw, o.hw),
            l(self.gh, o.gh),
            self.win,
        )
    }
}

/// A lofted body: stations from front (+Z) to back.
pub(super) struct Body {
    /// The stations, z decreasing.
    pub st: Vec<St>,
}

impl Body {
    /// The section at `z`, interpolated (clamped to the ends).
    pub fn at(&self, z: f32) -> St {
        let s = &self.st;
        if z >= s[0].z {
            return s[0];
        }
        for w in s.windows(2) {
            if z >= w[1].z {
                return w[0].lerp(&w[1], (w[0].z - z) / (w[0].z - w[1].z));
            }
        }
        s[s.len() - 1]
    }

    /// The point of the +X surface at `z` and height `y` (clamped to sill..roof rail).
    pub fn side(&self, z: f32, y: f32) -> Vec3 {
        let h = self.at(z).half();
        let y = y.clamp(h[0].1, h[4].1);
        for w in h.windows(2) {
            if y <= w[1].1 {
                let t = (y - w[0].1) / (w[1].1 - w[0].1).max(1e-6);
                return Vec3::new(w[0].0 + (w[1].0 - w[0].0) * t, y, z);
            }
        }
        Vec3::new(h[4].0, y, z)
    }

    /// The painted shell with its glass; `cladding` makes the lower flanks black plastic.
    pub fn shell(&self, cladding: bool) -> Parts {
        let rings: Vec<Vec<Vec3>> = self.st.iter().map(St::ring).collect();
        let mat = |i: usize, k: usize| {
            let w = self.st[i].win;
            match k {
                k if SIDE_GLASS.contains(&k) && matches!(w, Win::Side | Win::Both) => Mat::Glass,
                5 if matches!(w, Win::Top | Win::Both) => Mat::Glass,
                11 => Mat::Trim,
                0 | 10 if cladding => Mat::Trim,
                _ => Mat::Paint,
            }
        };
        loft(&rings, mat, [Mat::Paint, Mat::Paint])
    }

    /// A dark cabin block behind the glass, so windows read as tinted, not see-through.
    pub fn interior(&self) -> MeshData {
        let s = &self.st;
        let tops: Vec<usize> = (0..s.len() - 1)
            .filter(|&i| matches!(s[i].win, Win::Top | Win::Both))
            .collect();
        let ws = tops[0];
        let (end, rear_top, rear_base) = match tops.last() {
            Some(&j) if j != ws => (j, s[j].z + 0.05, s[j + 1].z + 0.12),
            _ => (
                s.len() - 1,
                s[s.len() - 1].z + 0.06,
                s[s.len() - 1].z + 0.06,
            ),
        };
        let cabin = &s[ws + 1..=end];
        let roof = cabin.iter().map(|c| c.top).fold(f32::MAX, f32::min);
        let gh = cabin.iter().map(|c| c.gh).fold(f32::MAX, f32::min);
        let hw = s.iter().map(|c| c.hw).fold(0.0, f32::max);
        tapered_box(
            s[ws].belt - 0.04,
            roof - 0.06,
            (hw - 0.1, rear_base, s[ws].z - 0.1),
            (gh - 0.06, rear_top, s[ws + 1].z - 0.05),
        )
    }

    /// A seam line on the +X side at `z` from height `y0` up to `y1`, following the section.
    pub fn seam(&self, z: f32, y0: f32, y1: f32) -> MeshData {
        let h = self.at(z).half();
        let mut pts = vec![self.side(z, y0)];
        pts.extend(
            h.iter()
                .filter(|p| p.1 > y0 + 0.01 && p.1 < y1 - 0.01)
                .map(|p| Vec3::new(p.0, p.1, z)),
        );
        pts.push(self.side(z, y1));
        let mut m = MeshData::default();
        for w in pts.windows(2) {
            let d = w[1] - w[0];
            let out = Vec3::new(d.y, -d.x, 0.0);
            let out = if out.x < 0.0 { -out } else { out };
            m.append(&strip(w[0], w[1], out, 0.014, 0.008));
        }
        m
    }

    /// A horizontal line on the +X side at height `y` from `z0` to `z1` (z0 > z1).
    pub fn line(&self, y: f32, z0: f32, z1: f32, width: f32) -> MeshData {
        let mut zs = vec![z0];
        zs.extend(self.st.iter().map(|s| s.z).filter(|&z| z < z0 && z > z1));
        zs.push(z1);
        let mut m = MeshData::default();
        for w in zs.windows(2) {
            let (a, b) = (self.side(w[0], y), self.side(w[1], y));
            m.append(&strip(a, b, Vec3::X, width, 0.008));
        }
        m
    }

    /// Chrome trim along the bottom edge of the side windows (+X side).
    pub fn window_trim(&self) -> MeshData {
        let s = &self.st;
        let glass: Vec<usize> = (0..s.len() - 1)
            .filter(|&i| matches!(s[i].win, Win::Side | Win::Both))
            .collect();
        let (first, last) = (glass[0], glass[glass.len() - 1] + 1);
        let mut m = MeshData::default();
        for i in first..last {
            let [a, b] = [i, i + 1].map(|j| Vec3::new(s[j].hw - 0.03, s[j].belt, s[j].z));
            m.append(&strip(a, b, Vec3::new(1.0, 0.6, 0.0), 0.02, 0.01));
        }
        m
    }

    /// A wheel arch on both sides at `z` for a wheel of radius `r`: a dark well and a lip.
    pub fn arch(&self, z: f32, r: f32, lip: Mat) -> Parts {
        arch(self.at(z).hw, z, r, lip)
    }
}

/// A wheel arch on both sides of flanks at ±`hw`: a dark well and a lip.
pub(super) fn arch(hw: f32, z: f32, r: f32, lip: Mat) -> Parts {
    let c = Vec3::new(hw + 0.004, r, z);
    let arc = (-1.8, 1.8);
    let mut p = Parts::default();
    p.add_pair(Mat::Trim, &fan(c, Vec3::Y, Vec3::Z, r + 0.035, arc, 12));
    let band = arc_band((hw - 0.03, hw + 0.032), (r + 0.03, r + 0.075), arc, 12);
    p.add_pair(lip, &moved(&band, Quat::IDENTITY, Vec3::new(0.0, r, z)));
    p
}
