// The continuum's stages as the backend accepts them (canvas.setStages): checked here first so
// that a bad name is explained beside the field and nothing is sent.

export const MAX_STAGES = 12;
export const MAX_STAGE_NAME = 60;

/** Why a list of stage names cannot be saved ('' when it can). */
export function stagesProblem(stages: string[]): string {
  if (stages.length > MAX_STAGES) return `At most ${MAX_STAGES} stages.`;
  if (stages.some((s) => !s.trim())) return 'A stage needs a name.';
  if (stages.some((s) => s.trim().length > MAX_STAGE_NAME))
    return `A stage’s name has at most ${MAX_STAGE_NAME} characters.`;
  return '';
}
