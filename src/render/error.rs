//! Errors raised while choosing an adapter, uploading assets or rendering.

/// Something went wrong on the GPU side.
#[derive(thiserror::Error, Debug)]
pub enum RenderError {
    /// wgpu found no adapter at all (or none matching the requested name).
    #[error(
        "no GPU adapter found{filter}; wgpu saw: {seen}. Install a Vulkan driver \
         (e.g. `apt-get install mesa-vulkan-drivers` for the lavapipe software adapter) \
         or check WGPU_BACKEND / WGPU_ADAPTER_NAME / --adapter"
    )]
    NoAdapter {
        /// Text describing the name filter, empty when none was given.
        filter: String,
        /// Comma-separated adapters that were seen (or "none").
        seen: String,
    },
    /// The adapter refused to create a device.
    #[error("adapter {adapter} could not create a device: {message}")]
    RequestDevice {
        /// Adapter name.
        adapter: String,
        /// wgpu's message.
        message: String,
    },
    /// The frame's lens distortion folds the image over itself, so it has no inverse.
    #[error("frame {frame}: {message}")]
    Lens {
        /// Image index.
        frame: u64,
        /// What is wrong, with the coefficients.
        message: String,
    },
    /// A frame asked for an asset the renderer was not given.
    #[error("frame {frame} draws asset {asset}, but only {loaded} assets are loaded")]
    UnknownAsset {
        /// Image index.
        frame: u64,
        /// Requested asset index.
        asset: usize,
        /// Number of loaded assets.
        loaded: usize,
    },
    /// An object's pose does not give exactly one transform per part of its asset.
    #[error(
        "frame {frame}: object {object} (asset {asset}) has {transforms} part transforms, \
         but the asset has {parts} parts"
    )]
    PartTransforms {
        /// Image index.
        frame: u64,
        /// Index of the object in the frame's object list.
        object: usize,
        /// The object's asset index.
        asset: usize,
        /// Number of part transforms the object carries.
        transforms: usize,
        /// Number of parts of the asset.
        parts: usize,
    },
    /// A material override names a material the object's asset does not have.
    #[error(
        "frame {frame}: object {object} (asset {asset}) overrides material {material}, \
         but the asset has {materials} materials"
    )]
    UnknownMaterial {
        /// Image index.
        frame: u64,
        /// Index of the object in the frame's object list.
        object: usize,
        /// The object's asset index.
        asset: usize,
        /// The material index of the override.
        material: usize,
        /// Number of materials of the asset.
        materials: usize,
    },
    /// The frame's size does not match the renderer's targets.
    #[error(
        "frame {frame} is {width}x{height} but the renderer was built for {expected_width}x{expected_height}"
    )]
    SizeMismatch {
        /// Image index.
        frame: u64,
        /// Frame width.
        width: u32,
        /// Frame height.
        height: u32,
        /// Target width.
        expected_width: u32,
        /// Target height.
        expected_height: u32,
    },
    /// A resolution the device cannot render.
    #[error("resolution {width}x{height} is not supported (1..={max} per side on this adapter)")]
    BadResolution {
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
        /// The adapter's maximum 2D texture size.
        max: u32,
    },
    /// Mapping a readback buffer failed, or the device was lost.
    #[error("GPU readback failed: {0}")]
    Readback(String),
    /// Waiting on the device failed (device lost or timeout).
    #[error("GPU poll failed: {0}")]
    Poll(String),
}
