// Lighting: the BRDF and the lights that reach a surface.

// Specular BRDF times pi (matching the sun's Lambert convention above): GGX distribution
// and height-correlated Smith visibility (Hammon's fast fit) in one division, Schlick
// Fresnel. alpha = roughness^2.
fn specular(n_dot_l: f32, n_dot_v: f32, n_dot_h: f32, l_dot_h: f32, alpha: f32, f0: vec3<f32>) -> vec3<f32> {
    let a2 = alpha * alpha;
    let d = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
    let smith = mix(2.0 * n_dot_l * n_dot_v, n_dot_l + n_dot_v, alpha);
    let distribution_visibility = 0.5 * a2 / max(d * d * smith, 1e-20);
    let x = 1.0 - l_dot_h;
    let x2 = x * x;
    return distribution_visibility * (f0 + (1.0 - f0) * (x2 * x2 * x));
}

