//! The sun's position in the sky from local solar time, day of year and latitude.

/// Where the sun is, seen from the ground.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SunAngles {
    /// Elevation above the horizon, degrees (negative below it).
    pub elevation_deg: f64,
    /// Compass azimuth, degrees clockwise from north, 0..360.
    pub azimuth_deg: f64,
}

/// The sun at local solar time `solar_hour` (12 = solar noon) on `day_of_year` at
/// `latitude_deg`. Declination from Cooper's formula (δ = 23.44° sin(360°(284 + n)/365)),
/// hour angle 15° per hour; the direction is found in local east-north-up coordinates.
pub fn sun_position(solar_hour: f64, day_of_year: f64, latitude_deg: f64) -> SunAngles {
    let season = (360.0 / 365.0 * (284.0 + day_of_year)).to_radians();
    let declination = 23.44f64.to_radians() * season.sin();
    let hour_angle = (15.0 * (solar_hour - 12.0)).to_radians();
    let latitude = latitude_deg.to_radians();
    let (sd, cd) = declination.sin_cos();
    let (sl, cl) = latitude.sin_cos();
    let east = -cd * hour_angle.sin();
    let north = sd * cl - cd * hour_angle.cos() * sl;
    let up = sd * sl + cd * hour_angle.cos() * cl;
    SunAngles {
        elevation_deg: up.clamp(-1.0, 1.0).asin().to_degrees(),
        azimuth_deg: east.atan2(north).to_degrees().rem_euclid(360.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Day 80 is close to the March equinox (declination ≈ 0).
    const EQUINOX: f64 = 81.0;

    #[test]
    fn equinox_noon_is_90_minus_latitude_due_south() {
        for latitude in [0.0, 30.0, 48.0, 60.0] {
            let sun = sun_position(12.0, EQUINOX, latitude);
            assert!(
                (sun.elevation_deg - (90.0 - latitude)).abs() < 0.5,
                "{sun:?}"
            );
            if latitude > 0.0 {
                assert!((sun.azimuth_deg - 180.0).abs() < 0.5, "{sun:?}");
            }
        }
    }

    #[test]
    fn solstice_sunrise_and_hemispheres() {
        let summer = sun_position(12.0, 172.0, 48.0);
        assert!((summer.elevation_deg - 65.4).abs() < 0.5, "{summer:?}");
        let sunrise = sun_position(6.0, EQUINOX, 48.0);
        let sunset = sun_position(18.0, EQUINOX, 48.0);
        assert!(sunrise.elevation_deg.abs() < 1.0 && sunset.elevation_deg.abs() < 1.0);
        assert!(
            (sunrise.azimuth_deg - 90.0).abs() < 2.0,
            "rises in the east: {sunrise:?}"
        );
        assert!(sun_position(9.0, 100.0, 48.0).azimuth_deg < 180.0);
        assert!(sun_position(15.0, 100.0, 48.0).azimuth_deg > 180.0);
        let south = sun_position(12.0, EQUINOX, -35.0).azimuth_deg;
        assert!(!(0.5..=359.5).contains(&south), "{south}");
        assert!(sun_position(0.0, EQUINOX, 48.0).elevation_deg < -30.0);
    }
}
