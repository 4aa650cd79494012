// Scene pass (colour): glTF metallic-roughness lit by the sun (Lambert diffuse; GGX,
// height-correlated Smith and Schlick specular), the sky's ambient light (SH irradiance,
// plus an environment BRDF), the binned artificial lights, emission; wet, puddled and
// snowy ground; height fog; all times exposure, into a 4x multisampled HDR target.
// The ids are drawn by ids.wgsl into their own single-sampled target.
// Kept cheap for software rasterisers, where every varying costs: the vertex stage
// resolves each instance's material (overrides, clamps) and packs it as half floats into
// one flat slot; uv rides in the w of the normal and the position.

#include "frame.wgsl"
#include "material.wgsl"
#include "lighting.wgsl"
#include "atmosphere.wgsl"

struct VertexInput {
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(2) uv: vec2<f32>,
};

struct VertexOutput {
    @builtin(position) @invariant clip_position: vec4<f32>,
    // xyz: world normal, w: u.
    @location(0) normal_u: vec4<f32>,
    // xyz: world position, w: v.
    @location(1) position_v: vec4<f32>,
    // The instance's material as pairs of half floats: x: base colour (r, g),
    // y: (base colour b, roughness), z: (metallic, emissive multiplier).
    @location(2) @interpolate(flat) material: vec3<u32>,
    // The ambient light's E(n)/π for the vertex normal: smooth, so evaluating the SH per
    // vertex costs far less than per sample (a back face of a double-sided material
    // keeps its front's value).
    @location(3) irradiance: vec3<f32>,
};

@vertex
fn vs_main(vertex: VertexInput, @builtin(instance_index) instance_index: u32) -> VertexOutput {
    let instance = instances[instance_index];
    let world_position = instance.model * vec4<f32>(vertex.position, 1.0);
    let normal_matrix = mat3x3<f32>(
        instance.normal_col0.xyz,
        instance.normal_col1.xyz,
        instance.normal_col2.xyz,
    );
    let flags = instance.ids.y;
    let base = material.base_color_factor;
    let roughness = clamp(
        select(material.surface.y, instance.surface.x, (flags & OVERRIDE_ROUGHNESS) != 0u),
        MIN_ROUGHNESS,
        1.0,
    );
    let metallic = saturate(
        select(material.surface.x, instance.surface.y, (flags & OVERRIDE_METALLIC) != 0u),
    );
    let base_rgb = saturate(
        select(base.rgb, instance.base_color.rgb, (flags & OVERRIDE_BASE_COLOR) != 0u),
    );
    // Within the finite range of a half float.
    let emissive = clamp(instance.surface.z, 0.0, 65504.0);
    var out: VertexOutput;
    out.clip_position = frame.view_proj * world_position;
    out.normal_u = vec4<f32>(normal_matrix * vertex.normal, vertex.uv.x);
    out.irradiance = ambient_irradiance(normalize(out.normal_u.xyz));
    out.position_v = vec4<f32>(world_position.xyz, vertex.uv.y);
    out.material = vec3<u32>(
        pack2x16float(base_rgb.rg),
        pack2x16float(vec2<f32>(base_rgb.b, roughness)),
        pack2x16float(vec2<f32>(metallic, emissive)),
    );
    return out;
}

// Textured materials: the base colour texture times the factor.
@fragment
fn fs_main(in: VertexOutput, @builtin(front_facing) front_facing: bool) -> @location(0) vec4<f32> {
    let uv = vec2<f32>(in.normal_u.w, in.position_v.w);
    let texel = textureSample(base_color_texture, base_color_sampler, uv);
    return vec4<f32>(shade(in, front_facing, texel.rgb), 1.0);
}

// Untextured materials: the same as sampling their 1x1 white texture, without the sample.
@fragment
fn fs_untextured(in: VertexOutput, @builtin(front_facing) front_facing: bool) -> @location(0) vec4<f32> {
    return vec4<f32>(shade(in, front_facing, vec3<f32>(1.0)), 1.0);
}

// Cheap value noise in [0, 1] on the ground plane (puddle shapes).
fn hash2(p: vec2<f32>) -> f32 {
    return fract(sin(dot(p, vec2<f32>(127.1, 311.7))) * 43758.5453);
}

fn value_noise(p: vec2<f32>) -> f32 {
    let i = floor(p);
    let f = fract(p);
    let u = f * f * (3.0 - 2.0 * f);
    return mix(
        mix(hash2(i), hash2(i + vec2<f32>(1.0, 0.0)), u.x),
        mix(hash2(i + vec2<f32>(0.0, 1.0)), hash2(i + vec2<f32>(1.0, 1.0)), u.x),
        u.y,
    );
}

// The exposed, fogged radiance of one fragment whose texture colour is `texel`.
fn shade(in: VertexOutput, front_facing: bool, texel: vec3<f32>) -> vec3<f32> {
    let base_rg = unpack2x16float(in.material.x);
    let base_b_roughness = unpack2x16float(in.material.y);
    let metallic_emissive = unpack2x16float(in.material.z);
    var base = vec3<f32>(base_rg, base_b_roughness.x) * texel;
    var roughness = base_b_roughness.y;
    let metallic = metallic_emissive.x;
    var normal = normalize(in.normal_u.xyz);
    if (!front_facing) {
        normal = -normal;
    }
    let position = in.position_v.xyz;
    let up = saturate((normal.y - 0.6) * 2.5);
    // Settled snow whitens upward faces; rain darkens them and makes them glossy, and
    // puddles on the ground (y near 0) are dark mirrors.
    let weather = frame.surface_weather;
    let snow = weather.y * up;
    base = mix(base, vec3<f32>(0.85, 0.87, 0.9), snow);
    roughness = mix(roughness, 0.75, snow);
    let wet = weather.x * up * (1.0 - snow);
    base = base * (1.0 - 0.45 * wet);
    roughness = mix(roughness, 0.12, wet);
    var puddle = 0.0;
    if (weather.z > 0.0 && position.y < 0.05) {
        let n = value_noise(position.xz * 0.45) * 0.7 + value_noise(position.xz * 1.7) * 0.3;
        puddle = smoothstep(1.0 - weather.z, 1.05 - weather.z, n) * up;
        base = mix(base, base * 0.35, puddle);
        roughness = mix(roughness, MIN_ROUGHNESS, puddle);
        normal = normalize(mix(normal, vec3<f32>(0.0, 1.0, 0.0), puddle));
    }
    let to_camera = frame.camera_exposure.xyz - position;
    var s: Surface;
    s.position = position;
    s.normal = normal;
    s.view = normalize(to_camera);
    s.diffuse = base * (1.0 - metallic);
    s.f0 = mix(vec3<f32>(0.04), base, metallic);
    s.alpha = roughness * roughness;
    let sun = brdf_cos(s, frame.sun_direction.xyz) * frame.sun_color.rgb
        * sun_visibility(position, normal);
    // Ambient: diffuse plus specular weighted by the split-sum environment BRDF (Karis's
    // analytic fit, nearly linear in roughness), which dims metals. Glossy surfaces
    // reflect the sky map, rough ones its irradiance.
    let irradiance = in.irradiance;
    let reflected = reflect(-s.view, normal);
    let mirrored = sky_radiance(vec3<f32>(reflected.x, abs(reflected.y), reflected.z));
    let glossy = mix(mirrored, irradiance, saturate(roughness * 1.6));
    let fresnel = s.f0 + (1.0 - s.f0) * pow(1.0 - saturate(dot(normal, s.view)), 5.0) * (1.0 - roughness);
    let ambient = irradiance * s.diffuse + glossy * fresnel * (1.0 - 0.54 * roughness);
    let lamps = artificial_light(s, in.clip_position.xy);
    let lit = sun + ambient + lamps + material.emissive.rgb * metallic_emissive.y;
    return apply_fog(lit, -to_camera, false) * frame.camera_exposure.w;
}
