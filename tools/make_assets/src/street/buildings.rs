//! Low-rise buildings: a brick apartment block and a shop with an awning, plus the
//! window styles and materials the other building files share.
//!
//! Every building is a closed block whose front façade is the plane z = 0 facing +Z,
//! centred on x = 0, standing on y = 0 and extending back to z = -depth. Nothing passes
//! x = ±width/2; only trim, sills, awnings and eaves project in front of z = 0.

use super::facade::{
    Face, Opening, Palette, Rect, WindowStyle, block_faces, glass, grid, is_lit, parapet,
    roof_and_floor, wall, window_lit,
};
use super::shapes::{box_uv, prism};
use super::{Kit, Mat, tex, unit3};
use crate::gltf::Pbr;
use glam::Vec2;

/// Painted timber window frames.
pub(super) fn white_frame() -> Pbr {
    Pbr::new("window_frame", [0.80, 0.80, 0.77], 0.45)
}

/// Flat roof membrane.
pub(super) fn bitumen() -> Pbr {
    Pbr::new("roof_bitumen", [0.055, 0.055, 0.06], 0.9)
}

/// A palette with the shared glass materials added to `kit`.
pub(super) fn palette(kit: &mut Kit, wall: Mat, frame: Mat, trim: Mat, door: Mat) -> Palette {
    let glass = kit.material(glass());
    let lit = kit.material(window_lit());
    Palette {
        wall,
        frame,
        glass,
        lit,
        trim,
        door,
    }
}

/// A traditional sash-like window: frame, one mullion, a transom, sill and lintel.
pub(super) const SASH: WindowStyle = WindowStyle {
    reveal: 0.18,
    frame: 0.07,
    mullions: 1,
    transom: Some(0.68),
    sill: true,
    lintel: true,
};

/// A plain back window: frame only, nothing projecting (so the back stays at z = -depth).
pub(super) const PLAIN: WindowStyle = WindowStyle {
    reveal: 0.15,
    frame: 0.06,
    mullions: 0,
    transom: None,
    sill: false,
    lintel: false,
};

/// A side window: like [`SASH`] but flush, so nothing passes x = ±width/2.
pub(super) const SIDE: WindowStyle = WindowStyle {
    sill: false,
    lintel: false,
    ..SASH
};

/// `building_brick.glb`: 4-storey brick apartment block, 12 m × 12 m, 14.0 m to the
/// parapet coping; stone string course and cornice on the front.
pub(crate) fn brick() -> Kit {
    let (w, depth, h, seed) = (12.0, 12.0, 13.4, 1);
    let mut kit = Kit::default();
    let brick = kit.textured(
        Pbr::new("brick", [1.0, 1.0, 1.0], 0.85),
        "brick",
        tex::brick(),
    );
    let trim = kit.material(Pbr::new("stone_trim", [0.60, 0.56, 0.48], 0.7));
    let frame = kit.material(white_frame());
    let door = kit.material(Pbr::new("door_wood", [0.14, 0.055, 0.03], 0.55));
    let roof = kit.material(bitumen());
    let pal = palette(&mut kit, brick, frame, trim, door);
    let faces = block_faces(w, depth);
    let upper: Vec<(f32, f32)> = (0..3).map(|k| (4.5 + 3.2 * k as f32, 1.7)).collect();
    let mut rows = vec![(1.0, 2.0)];
    rows.extend(&upper);
    let cols = [1.2, 3.6, 6.0, 8.4, 10.8];
    let mut front = grid(seed, 0, &cols, 1.15, &rows, &SASH);
    front[2] = Opening::Door(
        Rect::centred(6.0, 1.5, 0.0, 3.1),
        0.55,
        is_lit(seed, 0, 9, 9),
    );
    wall(&mut kit, &faces[0], h, &front, &pal);
    for (i, face) in faces.iter().enumerate().skip(1) {
        let i = i as u32;
        let openings = if i == 2 {
            let mut back = grid(seed, i, &cols, 1.0, &rows, &PLAIN);
            back[2] = Opening::Door(Rect::centred(6.0, 1.2, 0.0, 2.4), 0.0, false);
            back
        } else {
            grid(seed, i, &[2.0, 6.0, 10.0], 1.1, &rows, &SIDE)
        };
        wall(&mut kit, face, h, &openings, &pal);
    }
    let f = &faces[0];
    kit.add(trim, &f.slab(Rect::new(0.0, w, 3.4, 3.6), -0.05, 0.06));
    kit.add(trim, &f.slab(Rect::new(0.0, w, 12.75, 12.95), -0.05, 0.14));
    kit.add(trim, &f.slab(Rect::new(0.0, w, 12.95, 13.4), -0.05, 0.32));
    kit.add(
        trim,
        &f.slab(Rect::new(0.0, w, 0.0, 0.45), -0.05, 0.05).clone(),
    );
    parapet(&mut kit, brick, trim, &faces, h, 0.6);
    let mut floor = Default::default();
    roof_and_floor(kit.mesh(roof), &mut floor, w, depth, h);
    kit.add(roof, &floor);
    box_uv(kit.mesh(brick), 1.2);
    kit
}

/// The awning of the shop: `n` alternating stripes across `s0..s1`, sloping from `t_top`
/// at the wall down to 0.6 m lower at 1.5 m out, with a valance and closed side cheeks.
fn awning(
    kit: &mut Kit,
    face: &Face,
    (s0, s1): (f32, f32),
    t_top: f32,
    stripes: [Mat; 2],
    n: usize,
) {
    let (reach, drop, valance) = (1.5, 0.6, 0.25);
    let (a, b) = (Vec2::new(0.0, t_top), Vec2::new(reach, t_top - drop));
    let width = (s1 - s0) / n as f32;
    for k in 0..n {
        let (l, r) = (s0 + k as f32 * width, s0 + (k + 1) as f32 * width);
        let m = stripes[k % 2];
        let sheet = [a, b, b - Vec2::new(0.0, 0.03), a - Vec2::new(0.0, 0.03)];
        kit.add(m, &prism(&sheet, l, r, |p, s| face.p(s, p.y, p.x)));
        let flap = Rect::new(l, r, b.y - valance, b.y);
        kit.add(m, &face.slab(flap, reach - 0.03, reach));
    }
    let cheek = [
        a,
        b,
        Vec2::new(reach, b.y - 0.05),
        Vec2::new(0.0, b.y - 0.05),
    ];
    for (l, r) in [(s0, s0 + 0.03), (s1 - 0.03, s1)] {
        kit.add(stripes[0], &prism(&cheek, l, r, |p, s| face.p(s, p.y, p.x)));
    }
}

/// Blocky pseudo-lettering on the fascia: raised white strokes of hashed widths.
fn sign_letters(kit: &mut Kit, face: &Face, m: Mat, centre: f32, t: (f32, f32), d: f32) {
    let widths: Vec<f32> = (0..12).map(|k| 0.16 + 0.16 * unit3(7, k, 0)).collect();
    let total: f32 = widths.iter().sum::<f32>() + 0.08 * 11.0;
    let mut s = centre - total / 2.0;
    for (k, w) in widths.iter().enumerate() {
        let short = unit3(7, k as u32, 1) < 0.35;
        let top = if short { t.0 + 0.7 * (t.1 - t.0) } else { t.1 };
        if unit3(7, k as u32, 2) > 0.12 {
            kit.add(
                m,
                &face.slab(Rect::new(s, s + w, t.0, top), d - 0.01, d + 0.025),
            );
        }
        s += w + 0.08;
    }
}

/// The ground-floor shopfront inside the hole `r` of `face`: stall riser, display glass
/// with mullions, glazed door and transom light.
fn shopfront(kit: &mut Kit, face: &Face, r: Rect, pal: &Palette, riser: Mat, lit: bool) {
    let d0 = -0.3;
    face.reveal(kit.mesh(pal.wall), r, 0.0, d0, false, true);
    let display = Rect::new(r.s0 + 0.12, 6.55, 0.55, r.t1 - 0.12);
    let door = Rect::new(6.8, 8.0, 0.0, 2.55);
    let light = Rect::new(6.8, 8.0, 2.7, r.t1 - 0.12);
    let side = Rect::new(8.25, r.s1 - 0.12, 0.55, r.t1 - 0.12);
    let holes = [display, door, light, side];
    face.panel(kit.mesh(pal.frame), r, &holes, d0);
    for g in holes {
        face.reveal(kit.mesh(pal.frame), g, d0, d0 - 0.05, true, true);
        face.quad(
            kit.mesh(if lit { pal.lit } else { pal.glass }),
            g,
            d0 - 0.05,
        );
    }
    for s in [2.6, 4.6] {
        kit.add(
            pal.frame,
            &face.slab(
                Rect::new(s - 0.04, s + 0.04, 0.55, display.t1),
                d0 - 0.06,
                d0 - 0.01,
            ),
        );
    }
    kit.add(
        pal.frame,
        &face.slab(Rect::new(6.8, 8.0, 1.0, 1.08), d0 - 0.06, d0 - 0.01),
    );
    kit.add(
        riser,
        &face.slab(Rect::new(r.s0, 6.6, 0.0, 0.55), d0 - 0.01, d0 + 0.08),
    );
    kit.add(
        riser,
        &face.slab(Rect::new(8.2, r.s1, 0.0, 0.55), d0 - 0.01, d0 + 0.08),
    );
}

/// `building_shop.glb`: 2-storey shop, 10 m wide, 12 m deep, 8.0 m tall, with a glazed
/// shopfront, fascia sign and a striped awning reaching 1.5 m in front (z ≤ 1.5).
pub(crate) fn shop() -> Kit {
    let (w, depth, h, seed) = (10.0, 12.0, 7.4, 2);
    let mut kit = Kit::default();
    let render = kit.material(Pbr::new("render_plaster", [0.74, 0.60, 0.40], 0.85));
    let trim = kit.material(Pbr::new("stone_trim", [0.78, 0.74, 0.66], 0.7));
    let frame = kit.material(Pbr::new("shopfront_frame", [0.03, 0.035, 0.04], 0.4).metallic(0.6));
    let door = kit.material(Pbr::new("door_paint", [0.03, 0.12, 0.07], 0.5));
    let sign = kit.material(Pbr::new("fascia_sign", [0.02, 0.10, 0.06], 0.5));
    let letters = kit.material(Pbr::new("sign_letters", [0.85, 0.80, 0.62], 0.5));
    let red = kit.material(Pbr::new("awning_red", [0.42, 0.025, 0.03], 0.9));
    let cream = kit.material(Pbr::new("awning_cream", [0.78, 0.72, 0.58], 0.9));
    let riser = kit.material(Pbr::new("tile_dark", [0.035, 0.04, 0.045], 0.3));
    let roof = kit.material(bitumen());
    let pal_front = palette(&mut kit, render, frame, trim, door);
    let white = kit.material(white_frame());
    let pal = Palette {
        frame: white,
        ..pal_front
    };
    let faces = block_faces(w, depth);
    let upper = [(4.9, 1.7)];
    let front_hole = Rect::new(0.4, 9.6, 0.0, 3.3);
    let mut front = grid(seed, 0, &[1.8, 5.0, 8.2], 1.3, &upper, &SASH);
    front.push(Opening::Hole(front_hole));
    wall(&mut kit, &faces[0], h, &front, &pal);
    shopfront(
        &mut kit,
        &faces[0],
        front_hole,
        &pal_front,
        riser,
        is_lit(seed, 0, 9, 9),
    );
    let f = &faces[0];
    kit.add(sign, &f.slab(Rect::new(0.25, 9.75, 3.3, 4.1), -0.05, 0.15));
    sign_letters(&mut kit, f, letters, 5.0, (3.45, 3.95), 0.15);
    awning(&mut kit, f, (0.5, 9.5), 3.28, [red, cream], 11);
    kit.add(trim, &f.slab(Rect::new(0.0, w, 7.05, 7.4), -0.05, 0.2));
    for (i, face) in faces.iter().enumerate().skip(1) {
        let i = i as u32;
        let openings = if i == 2 {
            let mut back = grid(
                seed,
                i,
                &[1.8, 5.0, 8.2],
                1.1,
                &[(1.2, 1.4), (4.9, 1.6)],
                &PLAIN,
            );
            back[1] = Opening::Door(Rect::centred(5.0, 1.1, 0.0, 2.3), 0.0, false);
            back
        } else {
            grid(seed, i, &[3.0, 9.0], 1.2, &upper, &SIDE)
        };
        wall(&mut kit, face, h, &openings, &pal);
    }
    parapet(&mut kit, render, trim, &faces, h, 0.6);
    let mut floor = Default::default();
    roof_and_floor(kit.mesh(roof), &mut floor, w, depth, h);
    kit.add(roof, &floor);
    kit
}
