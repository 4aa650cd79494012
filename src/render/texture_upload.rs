//! Textures to the GPU: a full mip chain built on the CPU (box-filtered in linear light for
//! sRGB colour, on the stored values for data), uploaded as RGBA8.

use crate::importer::TextureImage;

/// sRGB-encoded byte → linear value.
fn srgb_to_linear(byte: u8) -> f32 {
    let c = f32::from(byte) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Linear value → sRGB-encoded byte, rounded.
fn linear_to_srgb(value: f32) -> u8 {
    let v = value.clamp(0.0, 1.0);
    let c = if v <= 0.003_130_8 {
        v * 12.92
    } else {
        1.055 * v.powf(1.0 / 2.4) - 0.055
    };
    (c * 255.0).round() as u8
}

/// Number of levels down to 1×1.
pub fn mip_count(width: u32, height: u32) -> u32 {
    32 - width.max(height).max(1).leading_zeros()
}

/// The next level: each texel the mean of the (up to) 2×2 texels above it. Colour
/// channels of an sRGB image are averaged as linear light; alpha and data as stored.
pub fn downsample(image: &TextureImage, srgb: bool) -> TextureImage {
    let (w, h) = ((image.width / 2).max(1), (image.height / 2).max(1));
    let table: Vec<f32> = (0..=255).map(srgb_to_linear).collect();
    let mut rgba8 = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let xs = [2 * x, (2 * x + 1).min(image.width - 1)];
            let ys = [2 * y, (2 * y + 1).min(image.height - 1)];
            for channel in 0..4 {
                let colour = srgb && channel < 3;
                let mut sum = 0.0;
                for &sy in &ys {
                    for &sx in &xs {
                        let byte = image.rgba8[((sy * image.width + sx) * 4 + channel) as usize];
                        sum += if colour {
                            table[byte as usize]
                        } else {
                            f32::from(byte) / 255.0
                        };
                    }
                }
                let mean = sum / 4.0;
                rgba8.push(if colour {
                    linear_to_srgb(mean)
                } else {
                    (mean * 255.0).round() as u8
                });
            }
        }
    }
    TextureImage {
        width: w,
        height: h,
        rgba8,
    }
}

/// Uploads `image` with its whole mip chain; `srgb` picks the sRGB format (colour) over
/// the linear one (normals, metallic-roughness, occlusion).
pub fn upload(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    label: &str,
    image: &TextureImage,
    srgb: bool,
) -> wgpu::TextureView {
    let levels = mip_count(image.width, image.height);
    let texture = device.create_texture(&wgpu::TextureDescriptor {
        label: Some(label),
        size: extent(image),
        mip_level_count: levels,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: if srgb {
            wgpu::TextureFormat::Rgba8UnormSrgb
        } else {
            wgpu::TextureFormat::Rgba8Unorm
        },
        usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
        view_formats: &[],
    });
    let mut level = image.clone();
    for mip_level in 0..levels {
        if mip_level > 0 {
            level = downsample(&level, srgb);
        }
        queue.write_texture(
            wgpu::TexelCopyTextureInfo {
                texture: &texture,
                mip_level,
                origin: wgpu::Origin3d::ZERO,
                aspect: wgpu::TextureAspect::All,
            },
            &level.rgba8,
            wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(level.width * 4),
                rows_per_image: Some(level.height),
            },
            extent(&level),
        );
    }
    texture.create_view(&wgpu::TextureViewDescriptor {
        label: Some(&format!("{label}::view")),
        ..Default::default()
    })
}

fn extent(image: &TextureImage) -> wgpu::Extent3d {
    wgpu::Extent3d {
        width: image.width,
        height: image.height,
        depth_or_array_layers: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(width: u32, height: u32, texel: impl Fn(u32, u32) -> [u8; 4]) -> TextureImage {
        let rgba8 = (0..height)
            .flat_map(|y| (0..width).map(move |x| (x, y)))
            .flat_map(|(x, y)| texel(x, y))
            .collect();
        TextureImage {
            width,
            height,
            rgba8,
        }
    }

    #[test]
    fn chain_lengths() {
        assert_eq!(mip_count(1, 1), 1);
        assert_eq!(mip_count(256, 256), 9);
        assert_eq!(mip_count(300, 20), 9);
        assert_eq!(mip_count(2, 5), 3);
    }

    #[test]
    fn checker_averages_in_linear_light() {
        // Black and white texels average to half the light: sRGB 188, not 128.
        let checker = image(2, 2, |x, y| {
            let v = if (x + y) % 2 == 0 { 255 } else { 0 };
            [v, v, v, v]
        });
        let colour = downsample(&checker, true);
        assert_eq!((colour.width, colour.height), (1, 1));
        assert_eq!(colour.rgba8, [188, 188, 188, 128]);
        // Data is averaged as stored.
        assert_eq!(downsample(&checker, false).rgba8, [128; 4]);
    }

    #[test]
    fn odd_sizes_clamp_at_the_edge() {
        let ramp = image(3, 1, |x, _| [(x * 100) as u8, 0, 0, 255]);
        let next = downsample(&ramp, false);
        assert_eq!((next.width, next.height), (1, 1));
        // Texels 0 and 1 (0 and 100), each counted twice vertically.
        assert_eq!(next.rgba8, [50, 0, 0, 255]);
    }
}
