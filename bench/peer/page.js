// The peer page's script (bundled by build.mjs with the generated survey): SurveyJS's model,
// its Japanese interface texts (the survey starts in Japanese, as Shirube does) and its
// framework-free renderer, as SurveyJS's own vanilla JavaScript setup has them.

import { Model } from 'survey-core';
import 'survey-core/i18n/japanese';
import { renderSurvey } from 'survey-js-ui';

// Shows `survey` (SurveyJS JSON) in `element`. The model is left on `window` so the benchmark
// can read which page is showing.
export function showSurvey(survey, element) {
  const model = new Model(survey);
  window.peerSurvey = model;
  renderSurvey(model, element);
}
