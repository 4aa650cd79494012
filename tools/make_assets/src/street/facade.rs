//! Façade construction: wall faces with real openings (recessed windows with frames,
//! glass, mullions, sills and lintels; doors), parapets and block roofs.
//!
//! A [`Face`] is a wall plane with its own coordinates: `s` along the wall (left to right
//! seen from outside), `t` up, `d` along the outward normal (negative = into the wall).
//! `(s, t, d)` is right-handed like `(x, y, z)`, so boxes built in face coordinates keep
//! their outward winding.

use super::shapes::quad_facing;
use super::{Kit, Mat, hash3};
use crate::geom::{MeshData, hexahedron};
use crate::gltf::Pbr;
use glam::{Vec2, Vec3};

/// A rectangle in a face's `(s, t)` coordinates.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rect {
    /// Left edge.
    pub s0: f32,
    /// Right edge.
    pub s1: f32,
    /// Bottom edge.
    pub t0: f32,
    /// Top edge.
    pub t1: f32,
}

impl Rect {
    /// A rectangle from its edges.
    pub fn new(s0: f32, s1: f32, t0: f32, t1: f32) -> Self {
        Self { s0, s1, t0, t1 }
    }

    /// A rectangle `width` wide centred on `s`, from `t0` up `height`.
    pub fn centred(s: f32, width: f32, t0: f32, height: f32) -> Self {
        Self::new(s - width / 2.0, s + width / 2.0, t0, t0 + height)
    }

    /// This rectangle shrunk by `by` on every side.
    pub fn inset(self, by: f32) -> Self {
        Self::new(self.s0 + by, self.s1 - by, self.t0 + by, self.t1 - by)
    }

    /// Whether `(s, t)` lies strictly inside.
    fn contains(&self, s: f32, t: f32) -> bool {
        s > self.s0 && s < self.s1 && t > self.t0 && t < self.t1
    }
}

/// A vertical wall plane (see the module doc for its coordinates).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Face {
    /// World position of `(s, t, d) = (0, 0, 0)`: the bottom-left corner seen from outside.
    origin: Vec3,
    /// World direction of +s.
    right: Vec3,
    /// World outward normal (+d).
    out: Vec3,
    /// Length along s.
    pub width: f32,
}

impl Face {
    /// A face with bottom-left corner `origin` facing horizontally along `out`.
    pub fn new(origin: Vec3, out: Vec3, width: f32) -> Self {
        Self {
            origin,
            right: Vec3::Y.cross(out),
            out,
            width,
        }
    }

    /// World position of face coordinates `(s, t, d)`.
    pub fn p(&self, s: f32, t: f32, d: f32) -> Vec3 {
        self.origin + self.right * s + Vec3::Y * t + self.out * d
    }

    /// Appends `r` at depth `d`, facing out.
    pub fn quad(&self, m: &mut MeshData, r: Rect, d: f32) {
        let p = [(r.s0, r.t0), (r.s1, r.t0), (r.s1, r.t1), (r.s0, r.t1)];
        m.quad(
            p.map(|(s, t)| self.p(s, t, d)),
            p.map(|(s, t)| Vec2::new(s, -t)),
        );
    }

    /// Appends `r` minus the (disjoint) `holes` at depth `d`, facing out, as horizontal runs.
    pub fn panel(&self, m: &mut MeshData, r: Rect, holes: &[Rect], d: f32) {
        let breaks = |a: f32, b: f32, edges: &dyn Fn(&Rect) -> [f32; 2]| {
            let mut v: Vec<f32> = holes
                .iter()
                .flat_map(edges)
                .filter(|x| *x > a && *x < b)
                .collect();
            v.extend([a, b]);
            v.sort_by(f32::total_cmp);
            v.dedup_by(|x, y| (*x - *y).abs() < 1e-4);
            v
        };
        let ss = breaks(r.s0, r.s1, &|h| [h.s0, h.s1]);
        let ts = breaks(r.t0, r.t1, &|h| [h.t0, h.t1]);
        for t in ts.windows(2) {
            let tm = 0.5 * (t[0] + t[1]);
            let mut start = None;
            for s in ss.windows(2) {
                let solid = !holes.iter().any(|h| h.contains(0.5 * (s[0] + s[1]), tm));
                match (solid, start) {
                    (true, None) => start = Some(s[0]),
                    (false, Some(s0)) => {
                        self.quad(m, Rect::new(s0, s[0], t[0], t[1]), d);
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s0) = start {
                self.quad(m, Rect::new(s0, r.s1, t[0], t[1]), d);
            }
        }
    }

    /// Appends the inner sides of the hole `r` from depth `d0` back to `d1` (< `d0`),
    /// facing into the hole; `bottom` and `top` say whether those two sides are wanted.
    pub fn reveal(&self, m: &mut MeshData, r: Rect, d0: f32, d1: f32, bottom: bool, top: bool) {
        let side = |s0: f32, t0: f32, s1: f32, t1: f32| {
            [(s0, t0, d0), (s1, t1, d0), (s1, t1, d1), (s0, t0, d1)]
                .map(|(s, t, d)| self.p(s, t, d))
        };
        if bottom {
            quad_facing(m, side(r.s0, r.t0, r.s1, r.t0), Vec3::Y);
        }
        if top {
            quad_facing(m, side(r.s0, r.t1, r.s1, r.t1), -Vec3::Y);
        }
        quad_facing(m, side(r.s0, r.t0, r.s0, r.t1), self.right);
        quad_facing(m, side(r.s1, r.t0, r.s1, r.t1), -self.right);
    }

    /// A closed box over `r` between depths `d0` < `d1`.
    pub fn slab(&self, r: Rect, d0: f32, d1: f32) -> MeshData {
        hexahedron(std::array::from_fn(|i| {
            let s = if i & 1 != 0 { r.s1 } else { r.s0 };
            let t = if i & 2 != 0 { r.t1 } else { r.t0 };
            let d = if i & 4 != 0 { d1 } else { d0 };
            self.p(s, t, d)
        }))
    }
}

/// The four walls of a block x ∈ [-w/2, w/2], z ∈ [-depth, 0]: front (+Z), left (+X),
/// back (-Z), right (-X), each seen from outside.
pub(crate) fn block_faces(w: f32, depth: f32) -> [Face; 4] {
    let h = w / 2.0;
    [
        Face::new(Vec3::new(-h, 0.0, 0.0), Vec3::Z, w),
        Face::new(Vec3::new(h, 0.0, 0.0), Vec3::X, depth),
        Face::new(Vec3::new(h, 0.0, -depth), -Vec3::Z, w),
        Face::new(Vec3::new(-h, 0.0, -depth), -Vec3::X, depth),
    ]
}

/// Appends the flat roof (y = `h`, facing up) and the floor (y = 0, facing down) of a block.
pub(crate) fn roof_and_floor(
    roof: &mut MeshData,
    floor: &mut MeshData,
    w: f32,
    depth: f32,
    h: f32,
) {
    for (m, y, n) in [(roof, h, Vec3::Y), (floor, 0.0, -Vec3::Y)] {
        let p = [(-1.0, 0.0), (1.0, 0.0), (1.0, -depth), (-1.0, -depth)];
        quad_facing(m, p.map(|(x, z)| Vec3::new(x * w / 2.0, y, z)), n);
    }
}

/// A parapet `height` tall and `thick` thick on top of every wall (at `h`), with a coping
/// (trim) that overhangs only outwards on the front, so nothing passes x = ±w/2.
pub(crate) fn parapet(kit: &mut Kit, wall: Mat, trim: Mat, faces: &[Face; 4], h: f32, height: f32) {
    let thick = 0.25;
    for (i, f) in faces.iter().enumerate() {
        let r = Rect::new(0.0, f.width, h, h + height - 0.08);
        kit.add(wall, &f.slab(r, -thick, 0.0));
        let front_lip = if i == 0 { 0.04 } else { 0.0 };
        let cap = Rect::new(0.0, f.width, h + height - 0.08, h + height);
        kit.add(trim, &f.slab(cap, -thick - 0.03, front_lip));
    }
}

/// The materials a window or door is built from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Palette {
    /// Wall (reveals are in the wall material).
    pub wall: Mat,
    /// Window and door frames, mullions.
    pub frame: Mat,
    /// Unlit glass.
    pub glass: Mat,
    /// Lit glass (warm emissive).
    pub lit: Mat,
    /// Sills and lintels.
    pub trim: Mat,
    /// Door leaves.
    pub door: Mat,
}

/// How a window is built.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WindowStyle {
    /// Depth of the wall reveal.
    pub reveal: f32,
    /// Width of the frame around the glass.
    pub frame: f32,
    /// Number of vertical glazing bars.
    pub mullions: u32,
    /// Height of the horizontal glazing bar as a fraction of the glass height, if any.
    pub transom: Option<f32>,
    /// A protruding sill below.
    pub sill: bool,
    /// A lintel above.
    pub lintel: bool,
}

/// Whether window `(col, row)` on face `face` of building `seed` is lit (about 30 %).
pub(crate) fn is_lit(seed: u32, face: u32, col: u32, row: u32) -> bool {
    hash3(seed, face * 97 + col, row) % 100 < 30
}

/// Appends a window in the hole `r` of `face`: reveal, frame, glass (lit or not),
/// glazing bars, optional sill and lintel.
pub(crate) fn window(
    kit: &mut Kit,
    face: &Face,
    r: Rect,
    style: &WindowStyle,
    lit: bool,
    pal: &Palette,
) {
    let (d0, bar) = (-style.reveal, 0.04);
    face.reveal(kit.mesh(pal.wall), r, 0.0, d0, !style.sill, !style.lintel);
    let glass = r.inset(style.frame);
    face.panel(kit.mesh(pal.frame), r, &[glass], d0);
    face.reveal(kit.mesh(pal.frame), glass, d0, d0 - bar, true, true);
    face.quad(
        kit.mesh(if lit { pal.lit } else { pal.glass }),
        glass,
        d0 - bar,
    );
    let half = style.frame * 0.35;
    for k in 1..=style.mullions {
        let s = glass.s0 + (glass.s1 - glass.s0) * k as f32 / (style.mullions + 1) as f32;
        let bar_rect = Rect::new(s - half, s + half, glass.t0, glass.t1);
        kit.add(
            pal.frame,
            &face.slab(bar_rect, d0 - bar - 0.005, d0 - 0.005),
        );
    }
    if let Some(f) = style.transom {
        let t = glass.t0 + (glass.t1 - glass.t0) * f;
        let bar_rect = Rect::new(glass.s0, glass.s1, t - half, t + half);
        kit.add(pal.frame, &face.slab(bar_rect, d0 - bar - 0.005, d0 - 0.01));
    }
    if style.sill {
        let sill = Rect::new(r.s0 - 0.06, r.s1 + 0.06, r.t0 - 0.07, r.t0);
        kit.add(pal.trim, &face.slab(sill, d0, 0.06));
    }
    if style.lintel {
        let lintel = Rect::new(r.s0 - 0.1, r.s1 + 0.1, r.t1, r.t1 + 0.2);
        kit.add(pal.trim, &face.slab(lintel, d0, 0.03));
    }
}

/// Appends a door in the hole `r` (standing on `r.t0`): reveal, frame, a recessed leaf
/// and, when `fanlight` > 0, a glazed fanlight of that height above the leaf.
pub(crate) fn door(kit: &mut Kit, face: &Face, r: Rect, fanlight: f32, lit: bool, pal: &Palette) {
    let d0 = -0.25;
    face.reveal(kit.mesh(pal.wall), r, 0.0, d0, false, true);
    let frame = 0.08;
    let leaf = Rect::new(r.s0 + frame, r.s1 - frame, r.t0, r.t1 - frame - fanlight);
    let mut holes = vec![leaf];
    if fanlight > 0.0 {
        let fan = Rect::new(leaf.s0, leaf.s1, leaf.t1 + frame, r.t1 - frame);
        face.reveal(kit.mesh(pal.frame), fan, d0, d0 - 0.04, true, true);
        face.quad(
            kit.mesh(if lit { pal.lit } else { pal.glass }),
            fan,
            d0 - 0.04,
        );
        holes.push(fan);
    }
    face.panel(kit.mesh(pal.frame), r, &holes, d0);
    face.reveal(kit.mesh(pal.frame), leaf, d0, d0 - 0.05, false, true);
    face.quad(kit.mesh(pal.door), leaf, d0 - 0.05);
    // A recessed panel pattern on the leaf: two raised mouldings.
    let (mid, w) = (0.5 * (leaf.s0 + leaf.s1), leaf.s1 - leaf.s0);
    for (t0, t1) in [(0.15, 0.45), (0.55, 0.92)] {
        let h = leaf.t1 - leaf.t0;
        let panel = Rect::new(
            mid - 0.36 * w,
            mid + 0.36 * w,
            leaf.t0 + t0 * h,
            leaf.t0 + t1 * h,
        );
        kit.add(pal.door, &face.slab(panel, d0 - 0.06, d0 - 0.03));
    }
}

/// Dark window glass (opaque: the renderer has no interiors to show through it).
pub(crate) fn glass() -> Pbr {
    Pbr::new("glass", [0.07, 0.085, 0.105], 0.08)
}

/// A lit window pane: warm emissive, strength 2.
pub(crate) fn window_lit() -> Pbr {
    Pbr::new("window_lit", [0.11, 0.095, 0.07], 0.3).emissive([1.0, 0.72, 0.38], 2.0)
}

/// An opening in a wall, built by [`wall`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum Opening {
    /// A window: hole, style, lit.
    Window(Rect, WindowStyle, bool),
    /// A door: hole, fanlight height, fanlight lit.
    Door(Rect, f32, bool),
    /// A hole the caller fills itself.
    Hole(Rect),
}

impl Opening {
    /// The hole in the wall.
    fn rect(&self) -> Rect {
        match *self {
            Opening::Window(r, ..) | Opening::Door(r, ..) | Opening::Hole(r) => r,
        }
    }
}

/// Windows `width` wide at every `cols` position on every `rows` entry `(sill height, window
/// height)`; lit ones picked by [`is_lit`] with `seed` and `face`.
pub(crate) fn grid(
    seed: u32,
    face: u32,
    cols: &[f32],
    width: f32,
    rows: &[(f32, f32)],
    style: &WindowStyle,
) -> Vec<Opening> {
    let mut out = Vec::new();
    for (row, &(t0, h)) in rows.iter().enumerate() {
        for (col, &s) in cols.iter().enumerate() {
            let lit = is_lit(seed, face, col as u32, row as u32);
            out.push(Opening::Window(Rect::centred(s, width, t0, h), *style, lit));
        }
    }
    out
}

/// Appends the wall `face` from t = 0 to `height` with its openings built in.
pub(crate) fn wall(kit: &mut Kit, face: &Face, height: f32, openings: &[Opening], pal: &Palette) {
    let holes: Vec<Rect> = openings.iter().map(Opening::rect).collect();
    face.panel(
        kit.mesh(pal.wall),
        Rect::new(0.0, face.width, 0.0, height),
        &holes,
        0.0,
    );
    for o in openings {
        match *o {
            Opening::Window(r, style, lit) => window(kit, face, r, &style, lit, pal),
            Opening::Door(r, fanlight, lit) => door(kit, face, r, fanlight, lit, pal),
            Opening::Hole(_) => {}
        }
    }
}
