// The id pass's vertex stage, shared by the id and coverage programs so that both
// rasterise exactly the same pixels (the transform is the colour pass's, expression for
// expression, and invariant).

struct IdOutput {
    @builtin(position) @invariant clip_position: vec4<f32>,
    @location(0) @interpolate(flat) packed_id: u32,
    // Distance along the camera's axis (m).
    @location(3) view_depth: f32,
    // World normal.
    @location(4) normal: vec3<f32>,
};

fn view_depth(world_position: vec4<f32>) -> f32 {
    return dot(world_position.xyz - frame.camera_exposure.xyz, frame.camera_forward.xyz);
}

fn world_normal(instance: InstanceData, normal: vec3<f32>) -> vec3<f32> {
    return mat3x3<f32>(instance.normal_col0.xyz, instance.normal_col1.xyz, instance.normal_col2.xyz)
        * normal;
}

// The vertex stage both id programs share.
fn id_vertex(position: vec3<f32>, normal: vec3<f32>, instance_index: u32) -> IdOutput {
    let instance = instances[instance_index];
    let world_position = instance.model * vec4<f32>(position, 1.0);
    var out: IdOutput;
    out.clip_position = frame.view_proj * world_position;
    out.packed_id = instance.ids.x;
    out.view_depth = view_depth(world_position);
    out.normal = world_normal(instance, normal);
    return out;
}
