// The sky (baked per frame from the analytic model) and the fog between the camera and
// a surface.

// Sky radiance towards unit `dir` (before exposure and fog), from the baked sky map.
fn sky_radiance(dir: vec3<f32>) -> vec3<f32> {
    let uv = vec2<f32>(
        atan2(dir.x, dir.z) * 0.15915494 + 0.5,
        acos(clamp(dir.y, -1.0, 1.0)) * 0.31830989,
    );
    return textureSampleLevel(sky_map, sky_sampler, uv, 0.0).rgb;
}

// Henyey-Greenstein phase function.
fn phase_hg(cos_angle: f32, g: f32) -> f32 {
    let d = 1.0 + g * g - 2.0 * g * cos_angle;
    return (1.0 - g * g) / (12.566371 * d * sqrt(d));
}

// Optical depth of exponential height fog along `offset` from the camera (`infinite`:
// the ray never ends, as towards the sky).
fn fog_depth(offset: vec3<f32>, infinite: bool) -> f32 {
    let a = frame.fog.x;
    let b = frame.fog.y;
    if (a <= 0.0) {
        return 0.0;
    }
    let start = a * exp(-b * frame.camera_exposure.y);
    let dist = length(offset);
    let dir_y = offset.y / max(dist, 1e-6);
    if (infinite) {
        if (b <= 0.0 || dir_y <= 1e-4) {
            return 1e9;
        }
        return start / (b * dir_y);
    }
    let x = b * offset.y;
    // (1 - e^-x) / x, which tends to 1 as x -> 0.
    let g = select((1.0 - exp(-x)) / x, 1.0 - 0.5 * x, abs(x) < 1e-3);
    return start * dist * g;
}

// `color` seen through the fog along `offset` (light scattered in from the sky and the sun).
fn apply_fog(color: vec3<f32>, offset: vec3<f32>, infinite: bool) -> vec3<f32> {
    let tau = fog_depth(offset, infinite);
    if (tau <= 0.0) {
        return color;
    }
    let transmittance = exp(-tau);
    let dir = offset / max(length(offset), 1e-6);
    let sun = frame.sun_color.rgb * 3.14159265 * phase_hg(dot(dir, frame.sun_direction.xyz), frame.fog.z);
    return color * transmittance + (frame.fog_color.rgb + sun) * (1.0 - transmittance);
}
