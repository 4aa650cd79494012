// Lighting: the BRDF, the ambient light, and the artificial lights that reach a surface.

// Specular BRDF times pi (matching the sun's Lambert convention): GGX distribution
// and height-correlated Smith visibility (Hammon's fast fit) in one division, Schlick
// Fresnel. alpha = roughness^2.
fn specular(n_dot_l: f32, n_dot_v: f32, n_dot_h: f32, l_dot_h: f32, alpha: f32, f0: vec3<f32>) -> vec3<f32> {
    let a2 = alpha * alpha;
    let d = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
    let smith = mix(2.0 * n_dot_l * n_dot_v, n_dot_l + n_dot_v, alpha);
    let distribution_visibility = 0.5 * a2 / max(d * d * smith, 1e-20);
    let x = 1.0 - l_dot_h;
    let x2 = x * x;
    return distribution_visibility * (f0 + (1.0 - f0) * (x2 * x2 * x));
}

// A surface point ready to be lit.
struct Surface {
    position: vec3<f32>,
    normal: vec3<f32>,
    view: vec3<f32>,
    diffuse: vec3<f32>,
    f0: vec3<f32>,
    alpha: f32,
};

// (Diffuse + specular) × n·l for light arriving from unit direction `light`.
fn brdf_cos(s: Surface, light: vec3<f32>) -> vec3<f32> {
    // Half-vector terms without normalising it: |l + v|^2 = 2 + 2 l.v.
    let l_dot_v = dot(light, s.view);
    let inverse_length = inverseSqrt(max(2.0 + 2.0 * l_dot_v, 1e-8));
    let cos_light = dot(s.normal, light);
    let n_dot_h = max((cos_light + dot(s.normal, s.view)) * inverse_length, 0.0);
    let n_dot_l = max(cos_light, 0.0);
    let n_dot_v = max(dot(s.normal, s.view), 1e-4);
    let l_dot_h = min((1.0 + l_dot_v) * inverse_length, 1.0);
    return (s.diffuse + specular(n_dot_l, n_dot_v, n_dot_h, l_dot_h, s.alpha, s.f0)) * n_dot_l;
}

// E(n)/π of the ambient light (order-2 SH).
fn ambient_irradiance(n: vec3<f32>) -> vec3<f32> {
    let c = frame.ambient_sh;
    return max(
        c[0].rgb * 0.282095
            + c[1].rgb * (0.488603 * n.y) + c[2].rgb * (0.488603 * n.z) + c[3].rgb * (0.488603 * n.x)
            + c[4].rgb * (1.092548 * n.x * n.y) + c[5].rgb * (1.092548 * n.y * n.z)
            + c[6].rgb * (0.315392 * (3.0 * n.z * n.z - 1.0)) + c[7].rgb * (1.092548 * n.x * n.z)
            + c[8].rgb * (0.546274 * (n.x * n.x - n.y * n.y)),
        vec3<f32>(0.0),
    );
}

// Light from the street lamps, head and tail lights binned into this fragment's cluster
// (its screen tile and depth slice).
fn artificial_light(s: Surface, pixel: vec2<f32>) -> vec3<f32> {
    let grid = frame.light_grid;
    if (grid.z == 0u) {
        return vec3<f32>(0.0);
    }
    let tile = min(vec2<u32>(pixel / LIGHT_TILE), grid.xy - 1u);
    let depth = dot(s.position - frame.camera_exposure.xyz, frame.camera_forward.xyz);
    let slicing = frame.light_slices;
    let slice = u32(clamp(log(max(depth, slicing.x) / slicing.x) * slicing.y, 0.0, f32(grid.w - 1u)));
    let entry = light_tiles[(slice * grid.y + tile.y) * grid.x + tile.x];
    var total = vec3<f32>(0.0);
    for (var k = entry.x; k < entry.x + entry.y; k = k + 1u) {
        let light = lights[light_indices[k]];
        let to_light = light.position_range.xyz - s.position;
        let d2 = max(dot(to_light, to_light), 1e-4);
        let range = light.position_range.w;
        let window = saturate(1.0 - d2 * d2 / (range * range * range * range));
        if (window <= 0.0) {
            continue;
        }
        let l = to_light * inverseSqrt(d2);
        let spot = smoothstep(light.intensity_outer.w, light.direction_inner.w, dot(-l, light.direction_inner.xyz));
        let radiance = light.intensity_outer.rgb * (spot * window * window / d2);
        total += brdf_cos(s, l) * radiance;
    }
    return total;
}

// How much of the sun reaches a surface: the nearest cascade that holds the point, four
// filtered comparison taps (each a 2x2 PCF) for soft edges; the point is pushed out along
// its normal by a texel and a half against acne.
fn sun_visibility(position: vec3<f32>, normal: vec3<f32>) -> f32 {
    let strength = frame.shadow.x;
    if (strength <= 0.0) {
        return 1.0;
    }
    for (var k = 0u; k < 2u; k = k + 1u) {
        let texel = select(frame.shadow.w, frame.shadow.z, k == 0u);
        let clip = frame.shadow_view_proj[k] * vec4<f32>(position + normal * (1.5 * texel), 1.0);
        let uv = vec2<f32>(clip.x * 0.5 + 0.5, 0.5 - clip.y * 0.5);
        if (all(uv > vec2<f32>(0.01)) && all(uv < vec2<f32>(0.99)) && clip.z > 0.0 && clip.z < 1.0) {
            let o = 0.9 / frame.shadow.y;
            let lit = textureSampleCompareLevel(shadow_map, shadow_sampler, uv + vec2<f32>(-o, -o), k, clip.z)
                + textureSampleCompareLevel(shadow_map, shadow_sampler, uv + vec2<f32>(o, -o), k, clip.z)
                + textureSampleCompareLevel(shadow_map, shadow_sampler, uv + vec2<f32>(-o, o), k, clip.z)
                + textureSampleCompareLevel(shadow_map, shadow_sampler, uv + vec2<f32>(o, o), k, clip.z);
            return mix(1.0, lit * 0.25, strength);
        }
    }
    return 1.0;
}
