//! The scene pass: one render pipeline writing colour, packed id and depth (MRT).

use crate::importer::Vertex;

/// Colour target format: 8-bit sRGB, written as linear by the shader.
pub const COLOR_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8UnormSrgb;
/// Id target format: packed instance and category ids.
pub const ID_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::R32Uint;
/// Depth target format.
pub const DEPTH_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Depth32Float;

/// Per-frame uniforms, laid out as `FrameUniforms` in `shaders/scene.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
pub struct FrameUniforms {
    /// Projection × view.
    pub view_proj: [[f32; 4]; 4],
    /// Towards the sun (xyz).
    pub sun_direction: [f32; 4],
    /// Linear sun colour (rgb).
    pub sun_color: [f32; 4],
    /// Linear ambient (rgb).
    pub ambient: [f32; 4],
    /// Camera position in world space (xyz) and exposure (w), the final colour's multiplier.
    pub camera_exposure: [f32; 4],
}

/// Bits of [`InstanceData::ids`]`[1]`: which per-instance material overrides apply.
pub mod override_bits {
    /// `InstanceData::base_color` replaces the material's base colour factor (rgb).
    pub const BASE_COLOR: u32 = 1;
    /// `InstanceData::surface.x` replaces the material's roughness.
    pub const ROUGHNESS: u32 = 2;
    /// `InstanceData::surface.y` replaces the material's metalness.
    pub const METALLIC: u32 = 4;
}

/// Per-draw-instance data, laid out as `InstanceData` in `shaders/scene.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
pub struct InstanceData {
    /// Part → world.
    pub model: [[f32; 4]; 4],
    /// Inverse-transpose of the model's 3×3, as three padded columns.
    pub normal: [[f32; 4]; 3],
    /// x: packed id; y: [`override_bits`] saying which overrides below apply.
    pub ids: [u32; 4],
    /// Linear RGB base colour override (rgb); w unused.
    pub base_color: [f32; 4],
    /// x: roughness override, y: metallic override, z: multiplier on the material's
    /// emission (0 = lights off); w unused.
    pub surface: [f32; 4],
}

/// Per-material uniforms (group 1, binding 0), laid out as `MaterialUniforms` in
/// `shaders/scene.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct MaterialUniforms {
    /// Linear RGBA base colour factor.
    pub base_color_factor: [f32; 4],
    /// Linear RGB emission: emissive factor × emissive strength; w unused.
    pub emissive: [f32; 4],
    /// x: metallic factor, y: roughness factor; zw unused.
    pub surface: [f32; 4],
}

impl MaterialUniforms {
    /// The uniform values of an imported material.
    pub fn new(material: &crate::importer::Material) -> Self {
        let [r, g, b] = material.emissive();
        Self {
            base_color_factor: material.base_color_factor,
            emissive: [r, g, b, 0.0],
            surface: [
                material.metallic_factor,
                material.roughness_factor,
                0.0,
                0.0,
            ],
        }
    }
}

/// The pipeline and its bind group layouts, built once.
pub struct ScenePass {
    /// Group 0: frame uniforms + instance storage.
    pub frame_layout: wgpu::BindGroupLayout,
    /// Group 1: material uniforms, base colour texture, sampler.
    pub material_layout: wgpu::BindGroupLayout,
    /// Pipelines by [`ScenePass::pipeline`]'s index: single-sided materials cull back
    /// faces (as glTF specifies), double-sided ones do not; untextured materials skip the
    /// texture sample (software rasterisers pay for it per fragment).
    pipelines: [wgpu::RenderPipeline; 4],
}

fn layout_entry(
    binding: u32,
    visibility: wgpu::ShaderStages,
    ty: wgpu::BindingType,
) -> wgpu::BindGroupLayoutEntry {
    wgpu::BindGroupLayoutEntry {
        binding,
        visibility,
        ty,
        count: None,
    }
}

fn buffer_binding(ty: wgpu::BufferBindingType) -> wgpu::BindingType {
    wgpu::BindingType::Buffer {
        ty,
        has_dynamic_offset: false,
        min_binding_size: None,
    }
}

impl ScenePass {
    /// Compiles `shaders/scene.wgsl` and builds the pipeline.
    pub fn new(device: &wgpu::Device) -> Self {
        let both = wgpu::ShaderStages::VERTEX_FRAGMENT;
        let frame_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("scene_pass::frame_layout"),
            entries: &[
                layout_entry(0, both, buffer_binding(wgpu::BufferBindingType::Uniform)),
                layout_entry(
                    1,
                    wgpu::ShaderStages::VERTEX,
                    buffer_binding(wgpu::BufferBindingType::Storage { read_only: true }),
                ),
            ],
        });
        let material_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("scene_pass::material_layout"),
            entries: &[
                // The vertex stage resolves per-instance overrides against these values.
                layout_entry(0, both, buffer_binding(wgpu::BufferBindingType::Uniform)),
                layout_entry(
                    1,
                    wgpu::ShaderStages::FRAGMENT,
                    wgpu::BindingType::Texture {
                        sample_type: wgpu::TextureSampleType::Float { filterable: true },
                        view_dimension: wgpu::TextureViewDimension::D2,
                        multisampled: false,
                    },
                ),
                layout_entry(
                    2,
                    wgpu::ShaderStages::FRAGMENT,
                    wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
                ),
            ],
        });
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("scene_pass::shader"),
            source: wgpu::ShaderSource::Wgsl(super::shader::program("scene.wgsl").into()),
        });
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("scene_pass::pipeline_layout"),
            bind_group_layouts: &[Some(&frame_layout), Some(&material_layout)],
            immediate_size: 0,
        });
        let pipelines = std::array::from_fn(|index| {
            let (double_sided, textured) = (index & 2 != 0, index & 1 != 0);
            build_pipeline(device, &module, &layout, double_sided, textured)
        });
        Self {
            frame_layout,
            material_layout,
            pipelines,
        }
    }

    /// The pipeline for a material that is (or is not) double-sided and textured.
    pub fn pipeline(&self, double_sided: bool, textured: bool) -> &wgpu::RenderPipeline {
        &self.pipelines[usize::from(double_sided) * 2 + usize::from(textured)]
    }
}

fn build_pipeline(
    device: &wgpu::Device,
    module: &wgpu::ShaderModule,
    layout: &wgpu::PipelineLayout,
    double_sided: bool,
    textured: bool,
) -> wgpu::RenderPipeline {
    let attributes = wgpu::vertex_attr_array![0 => Float32x3, 1 => Float32x3, 2 => Float32x2];
    let label = format!(
        "scene_pass::pipeline_{}_{}",
        if double_sided {
            "double_sided"
        } else {
            "culled"
        },
        if textured { "textured" } else { "untextured" },
    );
    device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
        label: Some(&label),
        layout: Some(layout),
        vertex: wgpu::VertexState {
            module,
            entry_point: Some("vs_main"),
            compilation_options: Default::default(),
            buffers: &[Some(wgpu::VertexBufferLayout {
                array_stride: std::mem::size_of::<Vertex>() as u64,
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes: &attributes,
            })],
        },
        primitive: wgpu::PrimitiveState {
            topology: wgpu::PrimitiveTopology::TriangleList,
            front_face: wgpu::FrontFace::Ccw,
            // Single-sided glTF materials cull back faces; double-sided ones do not, and
            // the shader flips their back-face normals.
            cull_mode: (!double_sided).then_some(wgpu::Face::Back),
            ..Default::default()
        },
        depth_stencil: Some(wgpu::DepthStencilState {
            format: DEPTH_FORMAT,
            depth_write_enabled: Some(true),
            depth_compare: Some(wgpu::CompareFunction::Less),
            stencil: Default::default(),
            bias: Default::default(),
        }),
        multisample: wgpu::MultisampleState::default(),
        fragment: Some(wgpu::FragmentState {
            module,
            entry_point: Some(if textured { "fs_main" } else { "fs_untextured" }),
            compilation_options: Default::default(),
            targets: &[
                Some(wgpu::ColorTargetState {
                    format: COLOR_FORMAT,
                    blend: None,
                    write_mask: wgpu::ColorWrites::ALL,
                }),
                Some(wgpu::ColorTargetState {
                    format: ID_FORMAT,
                    blend: None,
                    write_mask: wgpu::ColorWrites::ALL,
                }),
            ],
        }),
        multiview_mask: None,
        cache: None,
    })
}
