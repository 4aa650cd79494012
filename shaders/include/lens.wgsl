// The post pass's uniforms (lens, sensor, particles) and the lens's forward model, shared
// by the post pass and the coverage passes (the program declares `post`).

struct PostUniforms {
    // width, height of the final image; zoom of the undistorted render about its centre.
    size_zoom: vec4<f32>,
    // fx, fy, cx, cy of the final image, pixels.
    intrinsics: vec4<f32>,
    // k1, k2, p1, p2.
    distortion: vec4<f32>,
    // x: vignetting, y: chromatic aberration at the corner (px), z: read noise,
    // w: shot-noise gain.
    sensor: vec4<f32>,
    // x: rain (0..1), y: snow (0..1), z: particle brightness (exposed radiance),
    // w: bloom strength.
    particles: vec4<f32>,
    // x: noise seed, y: tone mapping (0 ACES, 1 clip), z: 1 when the lens distorts.
    flags: vec4<u32>,
};

const ITERATIONS: i32 = 8;
// Squared residual at which the inverse stops (lens.rs CONVERGED).
const CONVERGED: f32 = 1e-12;

// Brown-Conrady distortion of normalised point `p`.
fn distort(p: vec2<f32>) -> vec2<f32> {
    let k = post.distortion;
    let r2 = dot(p, p);
    let radial = 1.0 + k.x * r2 + k.y * r2 * r2;
    return p * radial + vec2<f32>(
        2.0 * k.z * p.x * p.y + k.w * (r2 + 2.0 * p.x * p.x),
        k.z * (r2 + 2.0 * p.y * p.y) + 2.0 * k.w * p.x * p.y,
    );
}

// Where pixel position `p` of the undistorted render lands in the final image.
fn final_position(p: vec2<f32>) -> vec2<f32> {
    if (post.flags.z == 0u) {
        return p;
    }
    let half = post.size_zoom.xy * 0.5;
    let focal = post.intrinsics.xy;
    let centre = post.intrinsics.zw;
    let ray = ((p - half) / post.size_zoom.z + half - centre) / focal;
    return distort(ray) * focal + centre;
}
