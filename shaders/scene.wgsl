// Scene pass (colour): glTF metallic-roughness lit by the sun (Lambert diffuse; GGX,
// height-correlated Smith and Schlick specular), the sky's ambient light (SH irradiance,
// plus an environment BRDF), the binned artificial lights, emission; wet, puddled and
// snowy ground; height fog; all times exposure, into a 4x multisampled HDR target.
// The ids are drawn by ids.wgsl into their own single-sampled target.
// Two programs: plain (vs_main, fs_plain) for materials with factors only, kept cheap
// for software rasterisers, where every varying costs: the vertex stage resolves each
// instance's material (overrides, clamps) and packs it as half floats into one flat
// slot. Full (vs_full, fs_full) adds the five glTF textures with their UV sets and
// transforms, tangent-space normal maps, vertex colours and alpha (mask and blend).

#include "frame.wgsl"
#include "material.wgsl"
#include "lighting.wgsl"
#include "atmosphere.wgsl"

struct VertexInput {
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
};

struct VertexOutput {
    @builtin(position) @invariant clip_position: vec4<f32>,
    // World space.
    @location(0) normal: vec3<f32>,
    @location(1) position: vec3<f32>,
    // The instance's material as pairs of half floats: x: base colour (r, g),
    // y: (base colour b, roughness), z: (metallic, emissive multiplier).
    @location(2) @interpolate(flat) material: vec3<u32>,
    // The ambient light's E(n)/π for the vertex normal: smooth, so evaluating the SH per
    // vertex costs far less than per sample (a back face of a double-sided material
    // keeps its front's value).
    @location(3) irradiance: vec3<f32>,
};

// The instance's material as pairs of half floats: x: base colour (r, g),
// y: (base colour b, roughness), z: (metallic, emissive multiplier).
fn packed_material(instance: InstanceData) -> vec3<u32> {
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
    return vec3<u32>(
        pack2x16float(base_rgb.rg),
        pack2x16float(vec2<f32>(base_rgb.b, roughness)),
        pack2x16float(vec2<f32>(metallic, emissive)),
    );
}

fn normal_matrix(instance: InstanceData) -> mat3x3<f32> {
    return mat3x3<f32>(
        instance.normal_col0.xyz,
        instance.normal_col1.xyz,
        instance.normal_col2.xyz,
    );
}

@vertex
fn vs_main(vertex: VertexInput, @builtin(instance_index) instance_index: u32) -> VertexOutput {
    let instance = instances[instance_index];
    let world_position = instance.model * vec4<f32>(vertex.position, 1.0);
    var out: VertexOutput;
    out.clip_position = frame.view_proj * world_position;
    out.normal = normal_matrix(instance) * vertex.normal;
    out.irradiance = ambient_irradiance(normalize(out.normal));
    out.position = world_position.xyz;
    out.material = packed_material(instance);
    return out;
}

// Materials without textures, vertex colours or alpha.
@fragment
fn fs_plain(in: VertexOutput, @builtin(front_facing) front_facing: bool) -> @location(0) vec4<f32> {
    var s = unpacked(in.material);
    s.position = in.position;
    s.normal = facing(normalize(in.normal), front_facing);
    s.irradiance = in.irradiance;
    s.pixel = in.clip_position.xy;
    return vec4<f32>(shade(s), 1.0);
}

struct FullInput {
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(2) uv0: vec2<f32>,
    @location(3) uv1: vec2<f32>,
    // xyz: tangent along +u, w: bitangent handedness.
    @location(4) tangent: vec4<f32>,
    @location(5) color: vec4<f32>,
};

struct FullOutput {
    @builtin(position) @invariant clip_position: vec4<f32>,
    @location(0) normal: vec3<f32>,
    @location(1) position: vec3<f32>,
    @location(2) @interpolate(flat) material: vec3<u32>,
    @location(3) irradiance: vec3<f32>,
    // TEXCOORD_0 in xy, TEXCOORD_1 in zw.
    @location(4) uv01: vec4<f32>,
    // World tangent, and the handedness corrected for mirroring transforms.
    @location(5) tangent: vec4<f32>,
    @location(6) color: vec4<f32>,
};

@vertex
fn vs_full(vertex: FullInput, @builtin(instance_index) instance_index: u32) -> FullOutput {
    let instance = instances[instance_index];
    let world_position = instance.model * vec4<f32>(vertex.position, 1.0);
    let model3 = mat3x3<f32>(instance.model[0].xyz, instance.model[1].xyz, instance.model[2].xyz);
    var out: FullOutput;
    out.clip_position = frame.view_proj * world_position;
    out.normal = normal_matrix(instance) * vertex.normal;
    out.irradiance = ambient_irradiance(normalize(out.normal));
    out.position = world_position.xyz;
    out.material = packed_material(instance);
    out.uv01 = vec4<f32>(vertex.uv0, vertex.uv1);
    out.tangent = vec4<f32>(
        model3 * vertex.tangent.xyz,
        vertex.tangent.w * select(1.0, -1.0, determinant(model3) < 0.0),
    );
    out.color = vertex.color;
    return out;
}

// Textured, vertex-coloured, masked or blended materials.
@fragment
fn fs_full(in: FullOutput, @builtin(front_facing) front_facing: bool) -> @location(0) vec4<f32> {
    let texel = base_color_texel(in.uv01);
    let alpha = material_alpha(texel.a, in.color.a);
    if (alpha < material.alpha.x) {
        discard;
    }
    var s = unpacked(in.material);
    s.base = s.base * texel.rgb * in.color.rgb;
    if (has_texture(SLOT_METALLIC_ROUGHNESS)) {
        let uv = texture_uv(SLOT_METALLIC_ROUGHNESS, in.uv01);
        let mr = textureSample(metallic_roughness_texture, metallic_roughness_sampler, uv);
        s.roughness = max(s.roughness * mr.g, MIN_ROUGHNESS);
        s.metallic = s.metallic * mr.b;
    }
    if (has_texture(SLOT_OCCLUSION)) {
        let uv = texture_uv(SLOT_OCCLUSION, in.uv01);
        let ao = textureSample(occlusion_texture, occlusion_sampler, uv).r;
        s.occlusion = 1.0 + material.surface.w * (ao - 1.0);
    }
    if (has_texture(SLOT_EMISSIVE)) {
        let uv = texture_uv(SLOT_EMISSIVE, in.uv01);
        s.emissive = s.emissive * textureSample(emissive_texture, emissive_sampler, uv).rgb;
    }
    var normal = normalize(in.normal);
    if (has_texture(SLOT_NORMAL)) {
        let uv = texture_uv(SLOT_NORMAL, in.uv01);
        let t = textureSample(normal_texture, normal_sampler, uv).xyz * 2.0 - 1.0;
        normal = mapped_normal(normal, in.tangent, vec3<f32>(t.xy * material.surface.z, t.z));
    }
    s.position = in.position;
    s.normal = facing(normal, front_facing);
    s.irradiance = in.irradiance;
    s.pixel = in.clip_position.xy;
    return vec4<f32>(shade(s), select(alpha, 1.0, material.alpha.y > 0.5));
}

// The tangent-space normal `t` in world space: glTF's frame of the tangent, the
// bitangent cross(n, tangent) * handedness, and the normal.
fn mapped_normal(n: vec3<f32>, tangent: vec4<f32>, t: vec3<f32>) -> vec3<f32> {
    let along = tangent.xyz - n * dot(n, tangent.xyz);
    if (dot(along, along) < 1e-12) {
        return n;
    }
    let u = normalize(along);
    let v = cross(n, u) * tangent.w;
    return normalize(u * t.x + v * t.y + n * t.z);
}

// Back faces (of double-sided materials) are lit from their own side.
fn facing(normal: vec3<f32>, front_facing: bool) -> vec3<f32> {
    return select(-normal, normal, front_facing);
}

// What shading needs of one fragment.
struct Shaded {
    position: vec3<f32>,
    normal: vec3<f32>,
    base: vec3<f32>,
    roughness: f32,
    metallic: f32,
    // Emitted radiance.
    emissive: vec3<f32>,
    // Scale on ambient light (occlusion texture).
    occlusion: f32,
    irradiance: vec3<f32>,
    pixel: vec2<f32>,
};

// The material's factors as the vertex stage resolved them.
fn unpacked(packed: vec3<u32>) -> Shaded {
    let base_rg = unpack2x16float(packed.x);
    let base_b_roughness = unpack2x16float(packed.y);
    let metallic_emissive = unpack2x16float(packed.z);
    var s: Shaded;
    s.base = vec3<f32>(base_rg, base_b_roughness.x);
    s.roughness = base_b_roughness.y;
    s.metallic = metallic_emissive.x;
    s.emissive = material.emissive.rgb * metallic_emissive.y;
    s.occlusion = 1.0;
    return s;
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

// The exposed, fogged radiance of one fragment.
fn shade(f: Shaded) -> vec3<f32> {
    var base = f.base;
    var roughness = f.roughness;
    let metallic = f.metallic;
    var normal = f.normal;
    let position = f.position;
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
    // reflect the sky map, rough ones its irradiance. Occlusion dims ambient light only.
    let irradiance = f.irradiance;
    let reflected = reflect(-s.view, normal);
    let mirrored = sky_radiance(vec3<f32>(reflected.x, abs(reflected.y), reflected.z));
    let glossy = mix(mirrored, irradiance, saturate(roughness * 1.6));
    let fresnel = s.f0 + (1.0 - s.f0) * pow(1.0 - saturate(dot(normal, s.view)), 5.0) * (1.0 - roughness);
    let ambient = (irradiance * s.diffuse + glossy * fresnel * (1.0 - 0.54 * roughness)) * f.occlusion;
    let lamps = artificial_light(s, f.pixel);
    let lit = sun + ambient + lamps + f.emissive;
    return apply_fog(lit, -to_camera, false) * frame.camera_exposure.w;
}
