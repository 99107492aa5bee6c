import { useState } from 'react';
import { reportError } from '../../ui/notices';
import { useProject } from '../project/store';
import { downloadPng, downloadSvg, exportName } from './export';
import type { Scene } from './scene';
import { useTheory } from './store';
import { sceneToSvg } from './svg-export';

interface Props {
  scene: Scene;
  scale: number;
  linkMode: boolean;
  /** The label of the link's first item once it is chosen. */
  linkFrom: string | null;
  onLinkMode(on: boolean): void;
  onZoom(factor: number): void;
  onFit(): void;
}

/** The board's tools: link mode, removing the selection, zoom and fit, and the exports. */
export function Toolbar({ scene, scale, linkMode, linkFrom, onLinkMode, onZoom, onFit }: Props) {
  const selection = useTheory((s) => s.selection);
  const projectName = useProject((s) => s.project?.name);
  const [busy, setBusy] = useState(false);
  const empty = scene.boxes.length === 0;
  const title = projectName ? `${projectName}: programme theory` : 'Programme theory';

  const hint = linkMode
    ? linkFrom === null
      ? 'Link: click the item the arrow starts from.'
      : `Link from “${linkFrom}”: now click the item it points to.`
    : 'Drag items to move them; arrow keys nudge the selected one; double-click a CMOC to open it.';

  const removeSelected = () => {
    const t = useTheory.getState();
    if (selection?.kind === 'item') void t.remove(selection.id);
    else if (selection?.kind === 'link') void t.unlink(selection.id);
  };

  return (
    <div className="theory-toolbar" role="toolbar" aria-label="Canvas tools">
      <h2>Programme theory</h2>
      <button
        aria-pressed={linkMode}
        onClick={() => onLinkMode(!linkMode)}
        title="Join two items with a labelled arrow (Escape to stop)"
      >
        Link
      </button>
      <button
        disabled={!selection}
        onClick={removeSelected}
        title="Take the selected item or link off the canvas (Delete)"
      >
        {selection?.kind === 'link' ? 'Remove link' : 'Remove from canvas'}
      </button>
      <span className="theory-hint" aria-live="polite" title={hint}>
        {hint}
      </span>
      <span className="theory-zoom" role="group" aria-label="Zoom">
        <button onClick={() => onZoom(1 / 1.25)} aria-label="Zoom out" title="Zoom out">
          −
        </button>
        <output aria-label="Zoom level">{Math.round(scale * 100)}%</output>
        <button onClick={() => onZoom(1.25)} aria-label="Zoom in" title="Zoom in">
          +
        </button>
        <button onClick={onFit} title="Show the whole canvas">
          Fit
        </button>
      </span>
      <button
        disabled={empty}
        onClick={() => downloadSvg(sceneToSvg(scene, title), exportName(projectName, 'svg'))}
      >
        Export SVG
      </button>
      <button
        disabled={empty || busy}
        onClick={() => {
          setBusy(true);
          downloadPng(sceneToSvg(scene, title), exportName(projectName, 'png'))
            .catch(reportError)
            .finally(() => setBusy(false));
        }}
      >
        Export PNG
      </button>
    </div>
  );
}
