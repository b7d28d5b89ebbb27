// The peer page's script (bundled by build.mjs with the generated survey): SurveyJS's model,
// its Japanese interface texts and its framework-free renderer, as SurveyJS's own vanilla
// JavaScript setup has them.

import { Model } from 'survey-core';
import 'survey-core/i18n/japanese';
import { renderSurvey } from 'survey-js-ui';

// The language Shirube's start script picks without a link: the browser's first language that
// is Japanese or English, else Japanese. So both apps show the same language in every run
// (Lighthouse's browser asks for English, the latency runs for Japanese).
function language() {
  const primary = (navigator.languages || []).map((tag) => tag.split(/[-_]/)[0].toLowerCase());
  return primary.find((code) => code === 'ja' || code === 'en') || 'ja';
}

// Shows `survey` (SurveyJS JSON) in `element`, in the browser's language.
export function showSurvey(survey, element) {
  const lang = language();
  const model = new Model(survey);
  // SurveyJS reads back its default locale, English, as ''; the page's lang takes ours.
  model.locale = lang;
  document.documentElement.lang = lang;
  renderSurvey(model, element);
}
