//! Parsing, checking and sampling of [`Dist`].

use super::*;
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

fn parse(text: &str) -> Result<Dist, String> {
    ron::from_str::<Dist>(text).map_err(|e| e.to_string())
}

#[test]
fn parses_every_form() {
    assert_eq!(parse("2.5").unwrap(), Dist::Const(2.5));
    assert_eq!(parse("3").unwrap(), Dist::Const(3.0));
    assert_eq!(
        parse("(-1, 3)").unwrap(),
        Dist::Uniform {
            min: -1.0,
            max: 3.0
        }
    );
    assert_eq!(
        parse("Uniform(1, 2)").unwrap(),
        Dist::Uniform { min: 1.0, max: 2.0 }
    );
    assert_eq!(
        parse("Normal(mean: 1, sd: 0.5, clamp: (0, 2))").unwrap(),
        Dist::Normal {
            mean: 1.0,
            sd: 0.5,
            clamp: Some((0.0, 2.0))
        }
    );
    assert_eq!(
        parse("LogNormal(mu: 0, sigma: 0.3)").unwrap(),
        Dist::LogNormal {
            mu: 0.0,
            sigma: 0.3,
            clamp: None
        }
    );
    assert_eq!(
        parse("Choice([(1, 3), (2, 1)])").unwrap(),
        Dist::Choice(vec![(1.0, 3.0), (2.0, 1.0)])
    );
    assert_eq!(parse("Int(2, 8)").unwrap(), Dist::Int { min: 2, max: 8 });
    assert_eq!(parse("Poisson(4)").unwrap(), Dist::Poisson { mean: 4.0 });
}

#[test]
fn rejects_bad_parameters_with_a_reason() {
    for (text, reason) in [
        ("(3.0, 1.0)", "min 3 > max 1"),
        ("Uniform(3, 1)", "min 3 > max 1"),
        ("Normal(mean: 0, sd: -1)", "negative standard deviation"),
        (
            "LogNormal(mu: 0, sigma: -0.1)",
            "negative standard deviation",
        ),
        ("Normal(mean: 0, sd: 1, clamp: (2, 1))", "min 2 > max 1"),
        ("LogNormal(mu: 0, sigma: 1, clamp: (0, 1))", "above 0"),
        ("Choice([])", "at least one"),
        ("Choice([(1, 0)])", "weights must be above 0"),
        ("Choice([(1, -2)])", "weights must be above 0"),
        ("Int(1.5, 3)", "whole numbers"),
        ("Int(4, 3)", "min 4 > max 3"),
        ("Poisson(0)", "above 0"),
        ("Normal(mean: 1)", "expected a number"),
        ("Bogus(1)", "expected a number"),
    ] {
        let e = parse(text).unwrap_err();
        assert!(e.contains(reason), "{text}: {e}");
    }
}

#[test]
fn samples_stay_in_support_and_repeat() {
    let dists = [
        "Uniform(-2, 5)",
        "Normal(mean: 1, sd: 2, clamp: (0.5, 1.5))",
        "Normal(mean: 0, sd: 1, clamp: (4, 6))",
        "LogNormal(mu: 0, sigma: 1, clamp: (0.5, 3))",
        "Choice([(1, 3), (7, 1)])",
        "Int(-3, 3)",
        "Poisson(3)",
    ];
    for text in dists {
        let d = parse(text).unwrap();
        let (lo, hi) = d.support();
        let mut a = ChaCha8Rng::seed_from_u64(7);
        let mut b = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..2000 {
            let v = d.sample(&mut a);
            assert_eq!(v, d.sample(&mut b));
            assert!(v >= lo && v <= hi, "{text}: {v}");
            if d.is_whole() {
                assert_eq!(v.fract(), 0.0, "{text}: {v}");
            }
        }
    }
}

#[test]
fn discrete_frequencies_follow_weights_and_means() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let n = 20_000;
    let choice = parse("Choice([(1, 3), (7, 1)])").unwrap();
    let sevens = (0..n).filter(|_| choice.sample(&mut rng) == 7.0).count();
    assert!((sevens as f64 / n as f64 - 0.25).abs() < 0.01, "{sevens}");
    let poisson = parse("Poisson(3.5)").unwrap();
    let mean = (0..n).map(|_| poisson.sample(&mut rng)).sum::<f64>() / n as f64;
    assert!((mean - 3.5).abs() < 0.05, "{mean}");
    let int = parse("Int(1, 4)").unwrap();
    let fours = (0..n).filter(|_| int.sample(&mut rng) == 4.0).count();
    assert!((fours as f64 / n as f64 - 0.25).abs() < 0.01, "{fours}");
}

#[test]
fn display_round_trips() {
    for text in [
        "Uniform(1, 2)",
        "Normal(mean: 1, sd: 0.5, clamp: (0, 2))",
        "LogNormal(mu: 0, sigma: 0.3)",
        "Int(2, 8)",
        "Poisson(4)",
    ] {
        let d = parse(text).unwrap();
        assert_eq!(parse(&d.to_string()).unwrap(), d);
    }
}
