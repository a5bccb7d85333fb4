// Live examples: switch the example's language (lang on the stage) and profile (profile on each aq-* element).
for (const live of document.querySelectorAll('[data-live]')) {
  const stage = live.querySelector('.live-stage');
  const lang = live.querySelector('[data-live-lang]');
  const profile = live.querySelector('[data-live-profile]');
  lang?.addEventListener('change', () => stage.setAttribute('lang', lang.value));
  profile?.addEventListener('change', () => {
    for (const el of stage.querySelectorAll('*')) {
      if (!el.localName.startsWith('aq-') || el.hasAttribute('data-fixed-profile')) continue;
      if (profile.value) el.setAttribute('profile', profile.value);
      else el.removeAttribute('profile');
    }
  });
}
