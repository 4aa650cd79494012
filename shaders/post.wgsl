// Post pass: the camera. For each pixel of the final, distorted image it finds the
// undistorted point it sees (Brown-Conrady, inverted by Newton's method as in
// src/render/lens.rs) and takes there: the packed id of the nearest rendered pixel
// (exact, never blended) and the filtered HDR colour, with lateral chromatic aberration,
// bloom, vignetting, falling rain or snow, sensor noise and tone mapping (ACES, or a clip for
// tests). Writes 8-bit sRGB colour and the distorted id target.

#include "fullscreen.wgsl"
#include "lens.wgsl"

// Storage, not uniform: see include/frame.wgsl.
@group(0) @binding(0) var<storage, read> post: PostUniforms;
@group(0) @binding(1) var hdr: texture_2d<f32>;
@group(0) @binding(2) var hdr_sampler: sampler;
@group(0) @binding(3) var ids: texture_2d<u32>;
// Bloom: the bright part at 1/4 and 1/16 of the size (shaders/bloom.wgsl).
@group(0) @binding(4) var bloom_quarter: texture_2d<f32>;
@group(0) @binding(5) var bloom_sixteenth: texture_2d<f32>;
// Surface depth along the camera's axis (m, 0 = sky), taken like the ids.
@group(0) @binding(6) var surface_depth: texture_2d<f32>;
// Surface normal (encoded, camera frame; 0 = sky), taken like the ids.
@group(0) @binding(7) var surface_normal: texture_2d<f32>;

struct PostOutput {
    @location(0) color: vec4<f32>,
    @location(1) packed_id: u32,
    @location(2) depth: f32,
    @location(3) normal: vec4<f32>,
};

@vertex
fn vs_post(@builtin(vertex_index) index: u32) -> @builtin(position) vec4<f32> {
    return vec4<f32>(fullscreen_ndc(index), 0.0, 1.0);
}

// The undistorted normalised point that the lens maps onto `d`: Newton's method, as
// src/render/lens.rs.
fn undistort(d: vec2<f32>) -> vec2<f32> {
    let k = post.distortion;
    var p = d;
    for (var i = 0; i < ITERATIONS; i = i + 1) {
        let f = distort(p) - d;
        if (dot(f, f) < CONVERGED) {
            break;
        }
        let r2 = dot(p, p);
        let radial = 1.0 + k.x * r2 + k.y * r2 * r2;
        let slope = 2.0 * (k.x + 2.0 * k.y * r2);
        let d_dx = vec2<f32>(
            radial + p.x * p.x * slope + 2.0 * k.z * p.y + 6.0 * k.w * p.x,
            p.y * p.x * slope + 2.0 * k.z * p.x + 2.0 * k.w * p.y,
        );
        let d_dy = vec2<f32>(
            p.x * p.y * slope + 2.0 * k.z * p.x + 2.0 * k.w * p.y,
            radial + p.y * p.y * slope + 6.0 * k.z * p.y + 2.0 * k.w * p.x,
        );
        let det = d_dx.x * d_dy.y - d_dy.x * d_dx.y;
        if (abs(det) < 1e-6) {
            break;
        }
        p -= vec2<f32>(d_dy.y * f.x - d_dy.x * f.y, d_dx.x * f.y - d_dx.y * f.x) / det;
    }
    return p;
}

// PCG hash of a pixel and the frame's seed.
fn hash(a: u32, b: u32, c: u32) -> u32 {
    var h = a * 747796405u + b * 2891336453u + c * 277803737u + post.flags.x;
    h = ((h >> ((h >> 28u) + 4u)) ^ h) * 277803737u;
    return (h >> 22u) ^ h;
}

fn unit_float(h: u32) -> f32 {
    return f32(h >> 8u) / 16777216.0;
}

// A standard normal draw per pixel and channel (Box-Muller).
fn gaussian(pixel: vec2<u32>, channel: u32) -> f32 {
    let u1 = max(unit_float(hash(pixel.x, pixel.y, channel * 2u)), 1e-7);
    let u2 = unit_float(hash(pixel.x, pixel.y, channel * 2u + 1u));
    return sqrt(-2.0 * log(u1)) * cos(6.2831853 * u2);
}

// Falling rain (thin slanted streaks) and snow (soft flakes) in three depth layers.
fn particles(p: vec2<f32>) -> f32 {
    var total = 0.0;
    for (var layer = 0u; layer < 3u; layer = layer + 1u) {
        let l = f32(layer);
        if (post.particles.x > 0.0) {
            let cell = vec2<f32>(7.0 + 5.0 * l, 70.0 + 50.0 * l);
            let q = vec2<f32>(p.x + p.y * 0.12, p.y);
            let id = vec2<u32>(floor(q / cell) + 4096.0);
            let h = hash(id.x, id.y, 101u + layer);
            if (unit_float(h) < post.particles.x * 0.35) {
                let local = q - floor(q / cell) * cell;
                let x0 = 1.0 + unit_float(h * 7u) * (cell.x - 2.0);
                let y0 = unit_float(h * 13u) * cell.y * 0.4;
                let along = step(y0, local.y) * step(local.y, y0 + cell.y * 0.55);
                total += along * saturate(1.0 - abs(local.x - x0)) * (0.35 - 0.08 * l);
            }
        }
        if (post.particles.y > 0.0) {
            let cell = vec2<f32>(18.0 + 14.0 * l);
            let id = vec2<u32>(floor(p / cell) + 4096.0);
            let h = hash(id.x, id.y, 211u + layer);
            if (unit_float(h) < post.particles.y * 0.5) {
                let local = p - floor(p / cell) * cell;
                let centre = vec2<f32>(unit_float(h * 7u), unit_float(h * 13u)) * (cell - 6.0) + 3.0;
                let radius = 0.8 + (2.0 - l * 0.5) * unit_float(h * 17u);
                total += saturate(radius + 0.5 - length(local - centre)) * (0.9 - 0.2 * l);
            }
        }
    }
    return total * post.particles.z;
}

// The glow: the 1/4 level, plus the 1/16 level smoothed by a tent of four taps (one
// bilinear tap of a texel that covers 16x16 pixels would show its square).
fn bloom(uv: vec2<f32>) -> vec3<f32> {
    let o = 0.5 / vec2<f32>(textureDimensions(bloom_sixteenth));
    let wide = textureSampleLevel(bloom_sixteenth, hdr_sampler, uv + vec2<f32>(-o.x, -o.y), 0.0).rgb
        + textureSampleLevel(bloom_sixteenth, hdr_sampler, uv + vec2<f32>(o.x, -o.y), 0.0).rgb
        + textureSampleLevel(bloom_sixteenth, hdr_sampler, uv + vec2<f32>(-o.x, o.y), 0.0).rgb
        + textureSampleLevel(bloom_sixteenth, hdr_sampler, uv + vec2<f32>(o.x, o.y), 0.0).rgb;
    return 0.7 * textureSampleLevel(bloom_quarter, hdr_sampler, uv, 0.0).rgb + 0.075 * wide;
}

// ACES filmic curve (Narkowicz's fit).
fn aces(x: vec3<f32>) -> vec3<f32> {
    return saturate((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14));
}

@fragment
fn fs_post(@builtin(position) position: vec4<f32>) -> PostOutput {
    let size = post.size_zoom.xy;
    let focal = post.intrinsics.xy;
    let centre = post.intrinsics.zw;
    let half = size * 0.5;
    var source = position.xy;
    // The ray this pixel sees, in normalised pinhole coordinates.
    var ray = (position.xy - centre) / focal;
    if (post.flags.z != 0u) {
        ray = undistort(ray);
        source = half + post.size_zoom.z * (ray * focal + centre - half);
    }
    let texel = vec2<i32>(clamp(floor(source), vec2<f32>(0.0), size - 1.0));
    var out: PostOutput;
    out.packed_id = textureLoad(ids, texel, 0).r;
    out.depth = textureLoad(surface_depth, texel, 0).r;
    out.normal = textureLoad(surface_normal, texel, 0);
    // Lateral chromatic aberration: red and blue sampled at slightly different radii.
    let shift = (source - half) * (post.sensor.y / length(half));
    var color = vec3<f32>(
        textureSampleLevel(hdr, hdr_sampler, (source + shift) / size, 0.0).r,
        textureSampleLevel(hdr, hdr_sampler, source / size, 0.0).g,
        textureSampleLevel(hdr, hdr_sampler, (source - shift) / size, 0.0).b,
    );
    if (post.particles.w > 0.0) {
        color += post.particles.w * bloom(source / size);
    }
    // Natural vignetting: cos^4 of the angle off the axis.
    let cos2 = 1.0 / (1.0 + dot(ray, ray));
    color *= mix(1.0, cos2 * cos2, post.sensor.x);
    color += vec3<f32>(particles(position.xy));
    let read = post.sensor.z;
    let shot = post.sensor.w;
    if (read > 0.0 || shot > 0.0) {
        let pixel = vec2<u32>(position.xy);
        let sigma = sqrt(read * read + shot * max(color, vec3<f32>(0.0)));
        color += sigma * vec3<f32>(gaussian(pixel, 0u), gaussian(pixel, 1u), gaussian(pixel, 2u));
    }
    color = max(color, vec3<f32>(0.0));
    out.color = vec4<f32>(select(aces(color), min(color, vec3<f32>(1.0)), post.flags.y == 1u), 1.0);
    return out;
}
