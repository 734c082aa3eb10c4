// The colour a handle is drawn in, by the desktop client's rule
// (desktop-client/widgets/handlecolor.cpp) so that a person has one colour in both clients:
//     hue = 30 + hash(handle) % 300;  QColor::fromHsl(hue, 170, dark ? 170 : 90)
// (pure red, hues below 30 and above 329, is kept for errors).
// hash is 32-bit FNV-1a over the handle's UTF-16 code units: defined, the same on every run
// and machine. (qHash(QString, seed) is not: on CPUs with AES-NI, Qt 6.4 mixes in a random
// per-process seed, so a colour drawn from it changes each time the desktop client starts.)

/** 32-bit FNV-1a of @p text's UTF-16 code units (offset basis 0x811c9dc5, prime 0x01000193). */
export function handleHash(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; ++i) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
}

/** The hue (degrees, 30..329) of @p handle's colour. */
export function handleHue(handle) {
    return 30 + (handleHash(handle) % 300);
}

const f = Math.fround;
const USHRT_MAX = 65535;
const qRound = (d) => (d >= 0 ? Math.trunc(f(d + 0.5)) : Math.trunc(f(d - 0.5)));
const div257 = (x) => (x - (x >> 8) + 0x80) >> 8;

/**
 * QColor::fromHsl(hue, saturation, lightness).name() of Qt 6.4 (qcolor.cpp: 16-bit
 * channels, single-precision float maths, the same rounding).
 * @param {number} hue        0..359 degrees.
 * @param {number} saturation 0..255.
 * @param {number} lightness  0..255.
 * @returns {string} "#rrggbb".
 */
export function qtHslName(hue, saturation, lightness) {
    const h = f((hue * 100) / 36000);
    const s = f((saturation * 0x101) / USHRT_MAX);
    const l = f((lightness * 0x101) / USHRT_MAX);
    let rgb;
    if (s === 0) {
        rgb = [lightness * 0x101, lightness * 0x101, lightness * 0x101];
    } else if (l === 0) {
        rgb = [0, 0, 0];
    } else {
        const temp2 = l < 0.5 ? f(l * f(1 + s)) : f(f(l + s) - f(l * s));
        const temp1 = f(f(2 * l) - temp2);
        const third = f(1 / 3);
        rgb = [f(h + third), h, f(h - third)].map((t) => {
            if (t < 0) t = f(t + 1);
            else if (t > 1) t = f(t - 1);
            const six = f(t * 6);
            let v;
            if (six < 1) v = f(temp1 + f(f(temp2 - temp1) * six));
            else if (f(t * 2) < 1) v = temp2;
            else if (f(t * 3) < 2) v = f(temp1 + f(f(f(temp2 - temp1) * f(f(f(2) / 3) - t)) * 6));
            else v = temp1;
            const channel = qRound(f(v * USHRT_MAX));
            return channel === 1 ? 0 : channel;
        });
    }
    return '#' + rgb.map((c) => div257(c).toString(16).padStart(2, '0')).join('');
}

/**
 * The desktop client's colours for @p handle.
 * @returns {{light: string, dark: string}} "#rrggbb" for a light and for a dark background.
 */
export function handleColors(handle) {
    const hue = handleHue(handle);
    return { light: qtHslName(hue, 170, 90), dark: qtHslName(hue, 170, 170) };
}
