// scene pass: one draw writes colour, the packed id and depth.
// Colour: glTF metallic-roughness lit by the sun (Lambert diffuse; GGX, height-correlated
// Smith and Schlick specular), an ambient term, emission, all times exposure.
// Kept cheap for software rasterisers, where every varying costs: the vertex stage
// resolves each instance's material (overrides, clamps) and packs it as half floats into
// the flat slot that carries the id; uv rides in the w of the normal and the position;
// the specular term has one division.

#include "frame.wgsl"
#include "material.wgsl"
#include "lighting.wgsl"

struct VertexInput {
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(2) uv: vec2<f32>,
};

struct VertexOutput {
    @builtin(position) clip_position: vec4<f32>,
    // xyz: world normal, w: u.
    @location(0) normal_u: vec4<f32>,
    // xyz: world position, w: v.
    @location(1) position_v: vec4<f32>,
    // x: packed id; the instance's material as pairs of half floats:
    // y: base colour (r, g), z: (base colour b, roughness), w: (metallic, emissive multiplier).
    @location(2) @interpolate(flat) id_material: vec4<u32>,
};

struct FragmentOutput {
    @location(0) color: vec4<f32>,
    @location(1) packed_id: u32,
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
    out.position_v = vec4<f32>(world_position.xyz, vertex.uv.y);
    out.id_material = vec4<u32>(
        instance.ids.x,
        pack2x16float(base_rgb.rg),
        pack2x16float(vec2<f32>(base_rgb.b, roughness)),
        pack2x16float(vec2<f32>(metallic, emissive)),
    );
    return out;
}

// Textured materials: the base colour texture times the factor.
@fragment
fn fs_main(in: VertexOutput, @builtin(front_facing) front_facing: bool) -> FragmentOutput {
    let uv = vec2<f32>(in.normal_u.w, in.position_v.w);
    let texel = textureSample(base_color_texture, base_color_sampler, uv);
    return shade(in, front_facing, texel.rgb);
}

// Untextured materials: the same as sampling their 1x1 white texture, without the sample.
@fragment
fn fs_untextured(in: VertexOutput, @builtin(front_facing) front_facing: bool) -> FragmentOutput {
    return shade(in, front_facing, vec3<f32>(1.0));
}

// The lit colour and the packed id of one fragment whose texture colour is `texel`.
fn shade(in: VertexOutput, front_facing: bool, texel: vec3<f32>) -> FragmentOutput {
    let base_rg = unpack2x16float(in.id_material.y);
    let base_b_roughness = unpack2x16float(in.id_material.z);
    let metallic_emissive = unpack2x16float(in.id_material.w);
    let base = vec3<f32>(base_rg, base_b_roughness.x) * texel;
    let roughness = base_b_roughness.y;
    let metallic = metallic_emissive.x;
    var normal = normalize(in.normal_u.xyz);
    if (!front_facing) {
        normal = -normal;
    }
    let light = frame.sun_direction.xyz;
    let view = normalize(frame.camera_exposure.xyz - in.position_v.xyz);
    // Half-vector terms without normalising it: |l + v|^2 = 2 + 2 l.v.
    let l_dot_v = dot(light, view);
    let inverse_length = inverseSqrt(max(2.0 + 2.0 * l_dot_v, 1e-8));
    let cos_light = dot(normal, light);
    let cos_view = dot(normal, view);
    let n_dot_h = max((cos_light + cos_view) * inverse_length, 0.0);
    let n_dot_l = max(cos_light, 0.0);
    let n_dot_v = max(cos_view, 1e-4);
    let l_dot_h = min((1.0 + l_dot_v) * inverse_length, 1.0);
    let diffuse = base * (1.0 - metallic);
    let f0 = mix(vec3<f32>(0.04), base, metallic);
    let direct = diffuse + specular(n_dot_l, n_dot_v, n_dot_h, l_dot_h, roughness * roughness, f0);
    // Ambient: diffuse plus specular weighted by the split-sum environment BRDF at normal
    // incidence (Karis's analytic fit, nearly linear in roughness), which dims metals.
    let ambient = frame.ambient.rgb * (diffuse + f0 * (1.0 - 0.54 * roughness));
    let lit = direct * frame.sun_color.rgb * n_dot_l + ambient + material.emissive.rgb * metallic_emissive.y;
    var out: FragmentOutput;
    out.color = vec4<f32>(lit * frame.camera_exposure.w, 1.0);
    out.packed_id = in.id_material.x;
    return out;
}
