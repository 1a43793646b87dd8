// The new-incident sound, made with Web Audio (no file to load, works offline). Browsers only
// allow sound after a user gesture, so the context is created on the first click or key press.
let context: AudioContext | null = null;

export function unlockAudio(): void {
  try {
    if (!context) {
      const Ctor =
        window.AudioContext ??
        (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctor) return;
      context = new Ctor();
    }
    if (context.state === 'suspended') void context.resume();
  } catch {
    context = null;
  }
}

/** Unlocks audio on the first gesture anywhere on the page (e.g. after a reload with a session). */
export function unlockAudioOnFirstGesture(target: Window): void {
  const unlock = () => {
    unlockAudio();
    target.removeEventListener('pointerdown', unlock, true);
    target.removeEventListener('keydown', unlock, true);
  };
  target.addEventListener('pointerdown', unlock, true);
  target.addEventListener('keydown', unlock, true);
}

/** Two short high tones. Silent if audio is not unlocked yet. */
export function beep(): void {
  if (!context || context.state !== 'running') return;
  const start = context.currentTime;
  for (const offset of [0, 0.22]) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = 1046;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.18);
  }
}
