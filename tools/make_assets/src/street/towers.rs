//! Taller buildings: an 8-storey glass office and a 6-storey concrete block with balconies.
//!
//! Same conventions as `buildings`: front façade plane z = 0 facing +Z, centred on x = 0,
//! standing on y = 0, back at z = -depth, nothing passing x = ±width/2; only fins,
//! canopies, sills and balconies project in front of z = 0.

use super::facade::{
    Face, Opening, Palette, Rect, WindowStyle, block_faces, glass, grid, is_lit, parapet,
    roof_and_floor, wall, window_lit,
};
use super::shapes::box_uv;
use super::{Kit, Mat, tex};
use crate::geom::cuboid;
use crate::gltf::Pbr;
use glam::Vec3;

/// The office's materials.
struct Curtain {
    /// Vision glass.
    glass: Mat,
    /// Lit vision glass.
    lit: Mat,
    /// Opaque spandrel panels.
    spandrel: Mat,
    /// Aluminium fins and bars.
    metal: Mat,
}

/// One curtain-wall face of the office: a ground floor of tall glass, then `floors`
/// storeys of spandrel band + vision glass per bay, fins at every bay line and a thin
/// mullion in each bay. Fins project `fin` in front of the face.
fn curtain_face(
    kit: &mut Kit,
    face: &Face,
    fi: u32,
    m: &Curtain,
    (ground, storey, floors): (f32, f32, u32),
    fin: f32,
) {
    let bays = (face.width / 2.0).round() as u32;
    let bay = face.width / bays as f32;
    let top = ground + storey * floors as f32;
    for b in 0..bays {
        let (s0, s1) = (b as f32 * bay, (b + 1) as f32 * bay);
        let lobby = if is_lit(4, fi, b, 99) { m.lit } else { m.glass };
        face.quad(kit.mesh(lobby), Rect::new(s0, s1, 0.0, ground - 0.5), 0.0);
        for k in 0..floors {
            let fl = ground + storey * k as f32;
            let vision = if is_lit(4, fi, b, k) { m.lit } else { m.glass };
            face.quad(
                kit.mesh(vision),
                Rect::new(s0, s1, fl + 0.9, fl + storey - 0.5),
                0.0,
            );
        }
        let mid = 0.5 * (s0 + s1);
        kit.add(
            m.metal,
            &face.slab(Rect::new(mid - 0.03, mid + 0.03, 0.0, top), -0.02, 0.06),
        );
    }
    let mut bands = vec![(ground - 0.5, ground + 0.9)];
    bands.extend((1..floors).map(|k| {
        let fl = ground + storey * k as f32;
        (fl - 0.5, fl + 0.9)
    }));
    bands.push((top - 0.5, top));
    for (t0, t1) in bands {
        face.quad(
            kit.mesh(m.spandrel),
            Rect::new(0.0, face.width, t0, t1),
            0.0,
        );
        kit.add(
            m.metal,
            &face.slab(Rect::new(0.0, face.width, t1 - 0.08, t1), -0.02, 0.1),
        );
    }
    for j in 0..=bays {
        let s = j as f32 * bay;
        let r = Rect::new((s - 0.07).max(0.0), (s + 0.07).min(face.width), 0.0, top);
        kit.add(m.metal, &face.slab(r, -0.02, fin));
    }
}

/// `building_office.glb`: 8-storey office, 20 m wide, 16 m deep, roof 29.0 m, parapet
/// 29.8 m, a plant room to 31.0 m set back from the front; a glass curtain wall with
/// aluminium fins on every side (the glass lies 0.2 m inside the outer bounds on the
/// sides and back; on the front the glass is at z = 0 and fins and the entrance canopy
/// project in front).
pub(crate) fn office() -> Kit {
    let (w, depth, fin) = (20.0, 16.0, 0.2);
    let (ground, storey, floors) = (4.5, 3.5, 7);
    let top = ground + storey * floors as f32;
    let mut kit = Kit::default();
    let m = Curtain {
        glass: kit.material(Pbr::new("glass_curtain", [0.07, 0.11, 0.15], 0.05).metallic(0.3)),
        lit: kit.material(window_lit()),
        spandrel: kit.material(Pbr::new("spandrel_panel", [0.05, 0.06, 0.07], 0.4)),
        metal: kit.material(Pbr::new("aluminium", [0.55, 0.57, 0.60], 0.35).metallic(0.9)),
    };
    let concrete = kit.material(Pbr::new("concrete", [0.45, 0.44, 0.41], 0.85));
    let roof = kit.material(Pbr::new("roof_bitumen", [0.055, 0.055, 0.06], 0.9));
    let core = (w - 2.0 * fin, depth - fin);
    let faces = block_faces(core.0, core.1);
    for (i, f) in faces.iter().enumerate() {
        curtain_face(&mut kit, f, i as u32, &m, (ground, storey, floors), fin);
        let ext = if i % 2 == 0 { fin } else { 0.0 };
        kit.add(
            m.spandrel,
            &f.slab(Rect::new(-ext, f.width + ext, top, top + 0.8), -0.3, fin),
        );
    }
    let f = &faces[0];
    kit.add(
        concrete,
        &f.slab(
            Rect::new(6.3, 13.3, ground - 0.55, ground - 0.3),
            -0.05,
            2.6,
        ),
    );
    for s in [8.3, 9.8, 11.3] {
        kit.add(
            m.metal,
            &f.slab(Rect::new(s - 0.06, s + 0.06, 0.0, 2.8), -0.02, 0.08),
        );
    }
    kit.add(
        m.metal,
        &f.slab(Rect::new(8.3, 11.3, 2.75, 2.85), -0.02, 0.08),
    );
    let mut floor = Default::default();
    roof_and_floor(kit.mesh(roof), &mut floor, core.0, core.1, top);
    kit.add(roof, &floor);
    let plant = cuboid(Vec3::new(-5.0, top, -12.0), Vec3::new(5.0, top + 2.0, -5.0));
    kit.add(concrete, &plant);
    kit
}

/// A horizontal two-pane window with a metal sill.
const RIBBON: WindowStyle = WindowStyle {
    reveal: 0.2,
    frame: 0.06,
    mullions: 1,
    transom: None,
    sill: true,
    lintel: false,
};

/// A flush window for the sides and back.
const FLUSH: WindowStyle = WindowStyle {
    reveal: 0.2,
    frame: 0.06,
    mullions: 1,
    transom: None,
    sill: false,
    lintel: false,
};

/// A glazed balcony door.
const FRENCH: WindowStyle = WindowStyle {
    reveal: 0.2,
    frame: 0.07,
    mullions: 1,
    transom: Some(0.8),
    sill: false,
    lintel: false,
};

/// A balcony in front of `face` centred on `s` with its floor at `fl`: slab, frosted
/// glass balustrade on three sides, handrail.
fn balcony(kit: &mut Kit, face: &Face, s: f32, fl: f32, slab: Mat, panel: Mat, rail: Mat) {
    let (half, reach, h) = (1.6, 1.4, 1.05);
    kit.add(
        slab,
        &face.slab(Rect::new(s - half, s + half, fl - 0.22, fl), -0.05, reach),
    );
    let front = Rect::new(s - half, s + half, fl, fl + h - 0.05);
    kit.add(panel, &face.slab(front, reach - 0.04, reach - 0.02));
    for (a, b) in [(s - half, s - half + 0.02), (s + half - 0.02, s + half)] {
        kit.add(
            panel,
            &face.slab(Rect::new(a, b, fl, fl + h - 0.05), 0.0, reach - 0.04),
        );
    }
    kit.add(
        rail,
        &face.slab(
            Rect::new(s - half, s + half, fl + h - 0.05, fl + h),
            reach - 0.06,
            reach,
        ),
    );
}

/// `building_concrete.glb`: 6-storey concrete block, 16 m wide, 12 m deep, roof 18.5 m,
/// parapet 19.2 m, stair housing to 20.7 m; balconies (to z = 1.4) in the two middle bays.
pub(crate) fn concrete() -> Kit {
    let (w, depth, h, seed) = (16.0, 12.0, 18.5, 5);
    let (ground, storey) = (3.5, 3.0);
    let mut kit = Kit::default();
    let wall_m = kit.textured(
        Pbr::new("concrete", [1.0, 1.0, 1.0], 0.9),
        "concrete",
        tex::concrete(),
    );
    let trim = kit.material(Pbr::new("concrete_smooth", [0.50, 0.49, 0.46], 0.8));
    let frame = kit.material(Pbr::new("window_frame", [0.72, 0.72, 0.70], 0.45));
    let rail = kit.material(Pbr::new("railing_metal", [0.12, 0.13, 0.14], 0.5).metallic(0.6));
    let door = kit.material(Pbr::new("door_metal", [0.10, 0.11, 0.12], 0.5).metallic(0.5));
    let panel = kit.material(Pbr::new("balcony_glass", [0.30, 0.38, 0.38], 0.25));
    let roof = kit.material(Pbr::new("roof_bitumen", [0.055, 0.055, 0.06], 0.9));
    let pal = Palette {
        wall: wall_m,
        frame,
        glass: kit.material(glass()),
        lit: kit.material(window_lit()),
        trim,
        door,
    };
    let faces = block_faces(w, depth);
    let levels: Vec<f32> = (0..5).map(|k| ground + storey * k as f32).collect();
    let mut front: Vec<Opening> = Vec::new();
    for (row, &fl) in levels.iter().enumerate() {
        let row = row as u32 + 1;
        for (col, s) in [2.0f32, 6.0, 10.0, 14.0].into_iter().enumerate() {
            let col = col as u32;
            let lit = is_lit(seed, 0, col, row);
            let r = if col == 1 || col == 2 {
                Rect::centred(s, 1.8, fl + 0.03, 2.35)
            } else {
                Rect::centred(s, 2.2, fl + 0.9, 1.5)
            };
            let style = if col == 1 || col == 2 { FRENCH } else { RIBBON };
            front.push(Opening::Window(r, style, lit));
        }
    }
    front.extend(grid(seed, 0, &[2.5, 13.5], 2.4, &[(0.9, 1.8)], &RIBBON));
    front.push(Opening::Door(Rect::centred(8.0, 2.0, 0.0, 2.7), 0.0, false));
    wall(&mut kit, &faces[0], h, &front, &pal);
    let all_rows: Vec<(f32, f32)> = std::iter::once(0.9)
        .chain(levels.iter().map(|l| l + 0.9))
        .map(|t| (t, 1.5))
        .collect();
    for (i, face) in faces.iter().enumerate().skip(1) {
        let cols: &[f32] = if i == 2 {
            &[2.0, 6.0, 10.0, 14.0]
        } else {
            &[3.5, 8.5]
        };
        wall(
            &mut kit,
            face,
            h,
            &grid(seed, i as u32, cols, 1.3, &all_rows, &FLUSH),
            &pal,
        );
    }
    let f = &faces[0];
    for &fl in &levels {
        for s in [6.0, 10.0] {
            balcony(&mut kit, f, s, fl, trim, panel, rail);
        }
    }
    kit.add(trim, &f.slab(Rect::new(6.6, 9.4, 2.8, 3.0), -0.05, 1.5));
    parapet(&mut kit, wall_m, trim, &faces, h, 0.7);
    let mut floor = Default::default();
    roof_and_floor(kit.mesh(roof), &mut floor, w, depth, h);
    kit.add(roof, &floor);
    kit.add(
        wall_m,
        &cuboid(Vec3::new(-2.0, h, -8.0), Vec3::new(2.0, h + 2.2, -5.0)),
    );
    box_uv(kit.mesh(wall_m), 2.0);
    kit
}
