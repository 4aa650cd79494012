//! The wgpu instance, adapter choice (hardware first, software fallback) and device.

use super::RenderError;

/// An adapter as reported to the user.
#[derive(Clone, Debug)]
pub struct AdapterSummary {
    /// Adapter name, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".
    pub name: String,
    /// Backend, e.g. "Vulkan".
    pub backend: String,
    /// Device type, e.g. "Cpu" or "DiscreteGpu".
    pub device_type: String,
    /// Driver name and info.
    pub driver: String,
    /// True when this is a software rasteriser.
    pub software: bool,
}

impl std::fmt::Display for AdapterSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}, {}", self.name, self.backend, self.device_type)?;
        if !self.driver.is_empty() {
            write!(f, ", {}", self.driver)?;
        }
        write!(f, ")")
    }
}

/// A device ready to render, and what it is.
pub struct GpuContext {
    /// The device.
    pub device: wgpu::Device,
    /// Its queue.
    pub queue: wgpu::Queue,
    /// The adapter it came from.
    pub adapter: AdapterSummary,
}

fn summarise(info: &wgpu::AdapterInfo) -> AdapterSummary {
    let lower = info.name.to_lowercase();
    let software = info.device_type == wgpu::DeviceType::Cpu
        || ["llvmpipe", "lavapipe", "swiftshader", "softpipe"]
            .iter()
            .any(|s| lower.contains(s));
    let driver = [info.driver.as_str(), info.driver_info.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    AdapterSummary {
        name: info.name.clone(),
        backend: format!("{:?}", info.backend),
        device_type: format!("{:?}", info.device_type),
        driver,
        software,
    }
}

/// Lower is better: hardware before software, then Vulkan/Metal/DX12 before GL.
fn rank(info: &wgpu::AdapterInfo) -> (u8, u8) {
    let software = summarise(info).software;
    let device = match info.device_type {
        _ if software => 4,
        wgpu::DeviceType::DiscreteGpu => 0,
        wgpu::DeviceType::IntegratedGpu => 1,
        wgpu::DeviceType::VirtualGpu => 2,
        _ => 3,
    };
    let backend = match info.backend {
        wgpu::Backend::Vulkan | wgpu::Backend::Metal | wgpu::Backend::Dx12 => 0,
        _ => 1,
    };
    (device, backend)
}

fn new_instance() -> wgpu::Instance {
    wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle().with_env())
}

/// The name filter in force: `--adapter` wins over `WGPU_ADAPTER_NAME`.
fn name_filter(requested: Option<&str>) -> Option<String> {
    requested
        .map(str::to_owned)
        .or_else(|| std::env::var("WGPU_ADAPTER_NAME").ok())
        .filter(|s| !s.is_empty())
        .map(|s| s.to_lowercase())
}

/// Every adapter wgpu can see (honouring `WGPU_BACKEND`), best first, and the index of
/// the one [`GpuContext::new`] would pick with this filter.
pub fn list_adapters(requested: Option<&str>) -> (Vec<AdapterSummary>, Option<usize>) {
    let adapters = sorted_adapters(&new_instance());
    let filter = name_filter(requested);
    let chosen = pick(&adapters, filter.as_deref());
    (
        adapters.iter().map(|a| summarise(&a.get_info())).collect(),
        chosen,
    )
}

fn sorted_adapters(instance: &wgpu::Instance) -> Vec<wgpu::Adapter> {
    let mut adapters = pollster::block_on(instance.enumerate_adapters(wgpu::Backends::all()));
    adapters.sort_by_key(|a| rank(&a.get_info()));
    adapters
}

/// Index of the first (best) adapter whose lower-cased name contains `filter`.
fn pick(adapters: &[wgpu::Adapter], filter: Option<&str>) -> Option<usize> {
    adapters
        .iter()
        .position(|a| filter.is_none_or(|f| a.get_info().name.to_lowercase().contains(f)))
}

impl GpuContext {
    /// Picks the best adapter (optionally whose name contains `requested`, case-insensitive)
    /// and creates a device on it. Warns when it falls back to a software adapter.
    pub fn new(requested: Option<&str>) -> Result<Self, RenderError> {
        let mut adapters = sorted_adapters(&new_instance());
        let filter = name_filter(requested);
        let Some(chosen) = pick(&adapters, filter.as_deref()) else {
            return Err(no_adapter(&adapters, filter));
        };
        let adapter = adapters.swap_remove(chosen);
        let summary = summarise(&adapter.get_info());
        if summary.software {
            tracing::warn!("no hardware GPU found; falling back to the software adapter {summary}");
        }
        let descriptor = wgpu::DeviceDescriptor {
            label: Some("sdgen::device"),
            required_limits: adapter.limits(),
            ..Default::default()
        };
        let (device, queue) =
            pollster::block_on(adapter.request_device(&descriptor)).map_err(|e| {
                RenderError::RequestDevice {
                    adapter: summary.to_string(),
                    message: e.to_string(),
                }
            })?;
        Ok(Self {
            device,
            queue,
            adapter: summary,
        })
    }
}

fn no_adapter(adapters: &[wgpu::Adapter], filter: Option<String>) -> RenderError {
    let seen: Vec<String> = adapters
        .iter()
        .map(|a| summarise(&a.get_info()).to_string())
        .collect();
    RenderError::NoAdapter {
        filter: filter
            .map(|f| format!(" whose name contains \"{f}\""))
            .unwrap_or_default(),
        seen: if seen.is_empty() {
            "none".into()
        } else {
            seen.join(", ")
        },
    }
}
