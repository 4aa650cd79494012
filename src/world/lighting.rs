//! The lighting and weather randomisers: the sun from the time of day or from angles, its
//! colour temperature, sky and ambient light fading through twilight, artificial lights
//! switched on in the dark, and the weather parameters.

use super::colour::kelvin_to_linear_rgb;
use super::components::*;
use super::materials::sample_colour;
use super::rng::{Stream, frame_rng};
use super::samples::SampleLog;
use super::solar::sun_position;
use super::systems::SceneRes;
use crate::scene::dist::unit;
use crate::scene::{Dist, SunPlacement, Switch};
use bevy_ecs::prelude::*;
use glam::Vec3;
use rand::rngs::ChaCha8Rng;

/// This image's weather parameters.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq)]
pub struct Weather {
    /// Fog extinction, 1/km.
    pub fog_density_per_km: f32,
    /// Rain, mm/h.
    pub rain_mm_per_h: f32,
    /// Snow, mm/h water equivalent.
    pub snow_mm_per_h: f32,
    /// Wetness, 0..1.
    pub wetness: f32,
    /// Cloud cover, 0..1.
    pub cloud_cover: f32,
    /// Fog scale height, metres.
    pub fog_height_m: f32,
    /// Settled snow, 0..1.
    pub snow_cover: f32,
}

fn smoothstep(lo: f64, hi: f64, x: f64) -> f64 {
    let t = ((x - lo) / (hi - lo)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Fraction of daylight at sun elevation `e` degrees: full above 10°, `night` below −6°.
pub fn daylight(e: f64, night: f64) -> f64 {
    night + (1.0 - night) * smoothstep(-6.0, 10.0, e)
}

/// Fraction of the direct sun that reaches the ground: none once the disc has set.
pub fn direct_sun(e: f64) -> f64 {
    smoothstep(-0.5, 5.0, e)
}

/// Unit vector towards the sun at elevation `e` and azimuth `a` (degrees, clockwise from
/// +Z seen from above, i.e. towards −X, the right of a camera looking down +Z).
pub fn sun_direction(e: f64, a: f64) -> Vec3 {
    let (e, a) = (e.to_radians(), a.to_radians());
    Vec3::new(
        (-e.cos() * a.sin()) as f32,
        e.sin() as f32,
        (e.cos() * a.cos()) as f32,
    )
}

/// Samples the sun's position, intensity and colour, the sky and the ambient light.
pub fn randomise_lighting(
    mut suns: Query<&mut Sun>,
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
    mut log: ResMut<SampleLog>,
) {
    let config = &scene.config.lighting;
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Lighting);
    let (elevation, azimuth) = sun_angles(&config.sun, &mut rng, &mut log);
    let mut draw = |name: &str, dist: &Dist, unit: &'static str, rng: &mut ChaCha8Rng| {
        let v = dist.sample(rng);
        log.record(name, v, unit);
        v
    };
    let intensity = draw(
        "lighting.sun_intensity",
        &config.sun_intensity,
        "1",
        &mut rng,
    );
    let kelvin = draw("lighting.sun_kelvin", &config.sun_kelvin, "K", &mut rng);
    let sky_intensity = draw(
        "lighting.sky_intensity",
        &config.sky_intensity,
        "1",
        &mut rng,
    );
    let ambient = draw("lighting.ambient", &config.ambient, "1", &mut rng);
    let turbidity = draw("lighting.turbidity", &config.turbidity, "1", &mut rng);
    let sky_colour = sample_colour(&config.sky_colour, &mut rng);
    log.record_colour("lighting.sky_colour", sky_colour);
    let day = daylight(elevation, config.night_level.sample(&mut rng));
    log.record("lighting.daylight", day, "1");
    let sun_rgb = Vec3::from(kelvin_to_linear_rgb(kelvin));
    let sky = Vec3::from(sky_colour);
    for mut sun in &mut suns {
        sun.direction = sun_direction(elevation, azimuth);
        sun.elevation_deg = elevation as f32;
        sun.colour = sun_rgb * (intensity * direct_sun(elevation)) as f32;
        // Surfaces see the sky (whose radiance already fades with daylight) through SH.
        sun.ambient = Vec3::ZERO;
        sun.sky_ambient = ambient as f32;
        sun.sky = sky * (sky_intensity * day) as f32;
        sun.turbidity = turbidity as f32;
    }
}

/// Elevation and scene azimuth (degrees), from angles or from the time of day.
fn sun_angles(sun: &SunPlacement, rng: &mut ChaCha8Rng, log: &mut SampleLog) -> (f64, f64) {
    let (elevation, azimuth) = match sun {
        SunPlacement::Angles {
            elevation_deg,
            azimuth_deg,
        } => (elevation_deg.sample(rng), azimuth_deg.sample(rng)),
        SunPlacement::TimeOfDay {
            hour,
            day_of_year,
            latitude_deg,
            road_heading_deg,
        } => {
            let mut draw = |name: &str, dist: &Dist, unit: &'static str| {
                let v = dist.sample(rng);
                log.record(name, v, unit);
                v
            };
            let hour = draw("lighting.hour", hour, "h");
            let day = draw("lighting.day_of_year", day_of_year, "day");
            let latitude = draw("lighting.latitude", latitude_deg, "deg");
            let heading = draw("lighting.road_heading", road_heading_deg, "deg");
            let angles = sun_position(hour, day, latitude);
            (
                angles.elevation_deg,
                (angles.azimuth_deg - heading).rem_euclid(360.0),
            )
        }
    };
    log.record("lighting.sun_elevation", elevation, "deg");
    log.record("lighting.sun_azimuth", azimuth, "deg");
    (elevation, azimuth)
}

/// Samples the weather parameters.
pub fn randomise_weather(
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
    mut log: ResMut<SampleLog>,
    mut weather: ResMut<Weather>,
) {
    let config = &scene.config.weather;
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Weather);
    let mut draw = |name: &str, dist: &Dist, unit: &'static str| {
        let v = dist.sample(&mut rng);
        log.record(name, v, unit);
        v as f32
    };
    *weather = Weather {
        fog_density_per_km: draw("weather.fog_density", &config.fog_density_per_km, "1/km"),
        rain_mm_per_h: draw("weather.rain", &config.rain_mm_per_h, "mm/h"),
        snow_mm_per_h: draw("weather.snow", &config.snow_mm_per_h, "mm/h"),
        wetness: draw("weather.wetness", &config.wetness, "1"),
        cloud_cover: draw("weather.cloud_cover", &config.cloud_cover, "1"),
        fog_height_m: draw("weather.fog_height", &config.fog_height_m, "m"),
        snow_cover: draw("weather.snow_cover", &config.snow_cover, "1"),
    };
}

/// Whether a switch is on, given whether it is dark.
fn switched_on(switch: &Switch, dark: bool, rng: &mut ChaCha8Rng) -> bool {
    match switch {
        Switch::Auto => dark,
        Switch::On => true,
        Switch::Off => false,
        Switch::Chance(p) => unit(rng) < p.sample(rng),
    }
}

/// Switches street lamps (per image), vehicle lights (per vehicle) and lit windows (per
/// building) on or off.
#[allow(clippy::type_complexity)]
pub fn switch_lights(
    mut commands: Commands,
    pieces: Query<(Entity, &StreetPiece)>,
    mut vehicles: Query<(Entity, &Identity, &mut ObjectSamples)>,
    suns: Query<&Sun>,
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
    mut log: ResMut<SampleLog>,
) {
    let config = &scene.config.lighting;
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Lights);
    let elevation = suns
        .iter()
        .next()
        .map_or(90.0, |s| f64::from(s.elevation_deg));
    let dark = elevation < config.dark_below_deg;
    let lamps = switched_on(&config.street_lamps, dark, &mut rng);
    log.record("lighting.street_lamps", f64::from(u8::from(lamps)), "bool");
    let mut lit = 0;
    for (entity, piece) in &pieces {
        let on = match piece.0 {
            "street_lamp" => lamps,
            "building" => switched_on(&config.windows, dark, &mut rng),
            _ => continue,
        };
        lit += usize::from(on && piece.0 == "building");
        commands
            .entity(entity)
            .insert(Emissive(if on { 1.0 } else { 0.0 }));
    }
    log.record("lighting.lit_buildings", lit as f64, "count");
    let mut ordered: Vec<_> = vehicles.iter_mut().collect();
    ordered.sort_by_key(|(e, _, _)| *e);
    for (entity, identity, mut samples) in ordered {
        if !has_vehicle_lights(&scene, identity) {
            continue;
        }
        let on = switched_on(&config.vehicle_lights, dark, &mut rng);
        samples.record("lights", f64::from(u8::from(on)), "bool");
        commands
            .entity(entity)
            .insert(Emissive(if on { 1.0 } else { 0.0 }));
    }
}

/// Whether the object's variant has head or tail lights.
fn has_vehicle_lights(scene: &SceneRes, identity: &Identity) -> bool {
    scene
        .shared
        .asset_info
        .get(&identity.asset)
        .and_then(|info| info.variants.iter().find(|v| v.name == identity.variant))
        .is_some_and(|v| {
            v.materials
                .iter()
                .any(|m| m == "headlight" || m == "taillight")
        })
}
