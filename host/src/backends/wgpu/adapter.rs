//! Choosing the wgpu adapter and opening its device.
//!
//! Backends come from `WGPU_BACKEND` (wgpu's own variable, for example
//! `vulkan`); among the adapters found, `TERN_WGPU_ADAPTER=substring` picks
//! the first whose name contains it (case-insensitive), otherwise the
//! device type decides: discrete first, then integrated, virtual, CPU
//! (`WGPU_POWER_PREF=low` puts integrated first). Nothing here runs an op.

use crate::error::Unavailable;

/// Environment variable naming the adapter to use (a substring of its name).
pub const ADAPTER_ENV: &str = "TERN_WGPU_ADAPTER";

fn rank(t: wgpu::DeviceType, low_power: bool) -> u8 {
    use wgpu::DeviceType::*;
    match (t, low_power) {
        (DiscreteGpu, false) | (IntegratedGpu, true) => 0,
        (IntegratedGpu, false) | (DiscreteGpu, true) => 1,
        (VirtualGpu, _) => 2,
        (Cpu, _) => 3,
        (Other, _) => 4,
    }
}

/// One line naming an adapter: name, backend, device type and driver.
pub fn describe(info: &wgpu::AdapterInfo) -> String {
    let driver = match (info.driver.is_empty(), info.driver_info.is_empty()) {
        (true, true) => "unknown driver".to_string(),
        (false, true) => info.driver.clone(),
        (true, false) => info.driver_info.clone(),
        (false, false) => format!("{} {}", info.driver, info.driver_info),
    };
    format!(
        "{} ({:?}, {:?}, {driver})",
        info.name, info.backend, info.device_type
    )
}

fn unavailable(reason: impl Into<String>) -> Unavailable {
    Unavailable::new("wgpu", reason)
}

/// Finds the adapter the environment asks for, or the first whose name
/// contains `name` (case-insensitive) when it is given.
pub fn choose(name: Option<&str>) -> Result<wgpu::Adapter, Unavailable> {
    let desc = wgpu::InstanceDescriptor::new_without_display_handle_from_env();
    let backends = desc.backends;
    let instance = wgpu::Instance::new(desc);
    let adapters = pollster::block_on(instance.enumerate_adapters(backends));
    if adapters.is_empty() {
        return Err(unavailable(
            "no Vulkan, Metal or DX12 adapter found (on Debian, `apt-get install mesa-vulkan-drivers libvulkan1` gives the lavapipe CPU adapter)",
        ));
    }
    let names = || {
        adapters
            .iter()
            .map(|a| describe(&a.get_info()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if let Some(want) = name.filter(|w| !w.is_empty()) {
        let w = want.to_lowercase();
        return match adapters
            .iter()
            .find(|a| a.get_info().name.to_lowercase().contains(&w))
        {
            Some(a) => Ok(a.clone()),
            None => Err(unavailable(format!(
                "adapter name '{want}' ({ADAPTER_ENV}) matches no adapter; found: {}",
                names()
            ))),
        };
    }
    let low_power = wgpu::PowerPreference::from_env() == Some(wgpu::PowerPreference::LowPower);
    adapters
        .iter()
        .min_by_key(|a| rank(a.get_info().device_type, low_power))
        .cloned()
        .ok_or_else(|| unavailable("no adapter"))
}

/// Opens the device with every limit the adapter offers (the storage
/// buffer binding size above all) and no optional feature.
pub fn open_device(adapter: &wgpu::Adapter) -> Result<(wgpu::Device, wgpu::Queue), Unavailable> {
    let desc = wgpu::DeviceDescriptor {
        label: Some("tern"),
        required_features: wgpu::Features::empty(),
        required_limits: adapter.limits(),
        experimental_features: wgpu::ExperimentalFeatures::default(),
        memory_hints: wgpu::MemoryHints::Performance,
        trace: wgpu::Trace::Off,
    };
    pollster::block_on(adapter.request_device(&desc)).map_err(|e| {
        unavailable(format!(
            "{}: cannot open the device: {e}",
            describe(&adapter.get_info())
        ))
    })
}
