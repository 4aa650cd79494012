//! The townhouse: three storeys under a tiled pitched roof with a dormer and a chimney.
//!
//! Same conventions as `buildings`: front façade plane z = 0 facing +Z, centred on x = 0,
//! standing on y = 0, back at z = -depth; nothing passes x = ±width/2.

use super::buildings::{PLAIN, SASH, SIDE, palette, white_frame};
use super::facade::Palette;
use super::facade::{
    Face, Opening, Rect, WindowStyle, block_faces, grid, is_lit, roof_and_floor, wall, window,
};
use super::shapes::quad_facing;
use super::shapes::{frustum, prism};
use super::{Kit, Mat};
use crate::gltf::Pbr;
use glam::{Vec2, Vec3};

/// `building_townhouse.glb`: 3-storey townhouse, 8 m wide, 10 m deep, tiled pitched roof
/// with the ridge along x at 12.2 m, eaves 0.45 m over front and back, a front dormer
/// and a chimney.
pub(crate) fn townhouse() -> Kit {
    let (w, depth, h, seed) = (8.0, 10.0, 9.4, 3);
    let mut kit = Kit::default();
    let render = kit.material(Pbr::new("render_plaster", [0.50, 0.56, 0.52], 0.85));
    let trim = kit.material(Pbr::new("stone_trim", [0.72, 0.70, 0.64], 0.7));
    let frame = kit.material(white_frame());
    let door = kit.material(Pbr::new("door_paint", [0.25, 0.02, 0.03], 0.45));
    let tiles = kit.material(Pbr::new("roof_tiles", [0.22, 0.065, 0.04], 0.8));
    let chimney = kit.material(Pbr::new("brick_chimney", [0.25, 0.09, 0.06], 0.85));
    let pal = palette(&mut kit, render, frame, trim, door);
    let faces = block_faces(w, depth);
    let upper = [(4.05, 1.6), (7.05, 1.6)];
    let mut front = grid(seed, 0, &[2.0, 6.0], 1.2, &upper, &SASH);
    front.push(Opening::Door(
        Rect::centred(2.0, 1.2, 0.0, 2.8),
        0.45,
        is_lit(seed, 0, 5, 5),
    ));
    let bay = WindowStyle {
        mullions: 2,
        transom: Some(0.72),
        ..SASH
    };
    front.push(Opening::Window(
        Rect::centred(6.0, 2.3, 0.8, 1.9),
        bay,
        is_lit(seed, 0, 6, 6),
    ));
    wall(&mut kit, &faces[0], h, &front, &pal);
    for (i, face) in faces.iter().enumerate().skip(1) {
        let i = i as u32;
        let openings = if i == 2 {
            let mut back = grid(
                seed,
                i,
                &[2.0, 6.0],
                1.1,
                &[(1.0, 1.5), (4.05, 1.5), (7.05, 1.5)],
                &PLAIN,
            );
            back[0] = Opening::Door(Rect::centred(2.0, 1.0, 0.0, 2.3), 0.0, false);
            back
        } else {
            grid(seed, i, &[7.5], 0.9, &upper, &PLAIN)
        };
        wall(&mut kit, face, h, &openings, &pal);
    }
    let f = &faces[0];
    for (s0, s1) in [(0.0, 1.4), (2.6, w)] {
        kit.add(trim, &f.slab(Rect::new(s0, s1, 0.0, 0.5), -0.05, 0.04));
    }
    kit.add(trim, &f.slab(Rect::new(0.0, w, 3.05, 3.2), -0.05, 0.05));
    pitched_roof(&mut kit, render, tiles, chimney, (w, depth, h));
    dormer(&mut kit, &pal, tiles, is_lit(seed, 0, 7, 7));
    let mut floor = Default::default();
    let mut unused = Default::default();
    roof_and_floor(&mut unused, &mut floor, w, depth, h);
    kit.add(render, &floor);
    kit
}

/// Gable walls, two tiled roof slabs with 0.45 m eaves, a ridge roll and a chimney over
/// a block `(w, depth, h)`; the ridge runs along x at z = -depth/2.
fn pitched_roof(
    kit: &mut Kit,
    wall: Mat,
    tiles: Mat,
    chimney: Mat,
    (w, depth, h): (f32, f32, f32),
) {
    let (rise, eave, thick) = (2.6, 0.45, 0.18);
    let half = depth / 2.0;
    let slope = rise / half;
    let along_x = |p: Vec2, x: f32| Vec3::new(x, p.y, p.x);
    let gable = [
        Vec2::new(0.0, h),
        Vec2::new(-depth, h),
        Vec2::new(-half, h + rise),
    ];
    kit.add(wall, &prism(&gable, -w / 2.0, w / 2.0, along_x));
    for sign in [1.0f32, -1.0] {
        let z = |dz: f32| -half + sign * dz;
        let low = Vec2::new(z(half + eave), h - eave * slope);
        let top = Vec2::new(z(0.0), h + rise);
        let up = Vec2::new(0.0, thick);
        kit.add(
            tiles,
            &prism(&[low, top, top + up, low + up], -w / 2.0, w / 2.0, along_x),
        );
    }
    let ridge = h + rise + thick;
    let roll = frustum(
        Vec3::new(-w / 2.0, ridge, -half),
        Vec3::new(w / 2.0, ridge, -half),
        0.09,
        0.09,
        8,
    );
    kit.add(tiles, &roll);
    let stack = crate::geom::cuboid(
        Vec3::new(2.4, h + 1.0, -half - 0.9),
        Vec3::new(3.1, ridge + 0.9, -half - 0.3),
    );
    kit.add(chimney, &stack);
    for x in [2.6, 2.9] {
        let pot = frustum(
            Vec3::new(x, ridge + 0.9, -half - 0.6),
            Vec3::new(x, ridge + 1.2, -half - 0.6),
            0.08,
            0.06,
            8,
        );
        kit.add(tiles, &pot);
    }
}

/// A gabled dormer on the front roof slope, centred on x = 0: a rendered front with a
/// window, cheeks, and a small tiled roof whose ridge runs back into the main roof. Its
/// open back and bottom lie inside the main roof.
fn dormer(kit: &mut Kit, pal: &Palette, tiles: Mat, lit: bool) {
    let (hw, z_front, z_back, y0, y1, ridge) = (0.8, -0.9, -4.2, 9.7, 11.2, 11.75);
    let face = Face::new(Vec3::new(-hw, 0.0, z_front), Vec3::Z, 2.0 * hw);
    let glass = Rect::centred(hw, 0.9, 10.2, 0.85);
    face.panel(
        kit.mesh(pal.wall),
        Rect::new(0.0, 2.0 * hw, y0, y1),
        &[glass],
        0.0,
    );
    window(kit, &face, glass, &SIDE, lit, pal);
    for x in [-hw, hw] {
        let p = [(z_front, y0), (z_back, y0), (z_back, y1), (z_front, y1)];
        quad_facing(
            kit.mesh(pal.wall),
            p.map(|(z, y)| Vec3::new(x, y, z)),
            Vec3::X * x,
        );
    }
    let along_z = |p: Vec2, z: f32| Vec3::new(p.x, p.y, z);
    let gable = [Vec2::new(-hw, y1), Vec2::new(hw, y1), Vec2::new(0.0, ridge)];
    kit.add(pal.wall, &prism(&gable, z_back, z_front, along_z));
    for side in [-1.0f32, 1.0] {
        let low = Vec2::new(side * (hw + 0.15), y1 - 0.08);
        let top = Vec2::new(0.0, ridge);
        let up = Vec2::new(0.0, 0.12);
        let slab = prism(
            &[low, top, top + up, low + up],
            z_back,
            z_front + 0.2,
            along_z,
        );
        kit.add(tiles, &slab);
    }
}
