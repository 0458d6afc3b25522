/**
 * A Map whose entries are decoded on first real use. Until then it answers from the keys it was told about:
 * has(), size and lookups of absent keys cost nothing, so an unlock that only searches (the command line) never
 * decodes the interview heads and the register from the search cache. Any read of a value, any change and any
 * iteration decodes everything first; from then on it is a plain Map. clear() drops the pending entries unread.
 */
export class LazyMap<K, V> extends Map<K, V> {
  private pending: (() => Iterable<readonly [K, V]>) | null;
  private readonly keyList: readonly K[];
  /** The keys as a set, made on the first question that needs it (an unlock that only searches asks none). */
  private keySet: ReadonlySet<K> | null = null;

  /** `keys` must be exactly the keys `load` yields, each once. */
  constructor(keys: readonly K[], load: () => Iterable<readonly [K, V]>) {
    super();
    this.keyList = keys;
    this.pending = load;
  }

  private get keysBefore(): ReadonlySet<K> {
    return (this.keySet ??= new Set(this.keyList));
  }

  /** Whether the entries are still undecoded. */
  get isPending(): boolean {
    return this.pending !== null;
  }

  private ready(): void {
    const load = this.pending;
    if (!load) return;
    this.pending = null;
    for (const [k, v] of load()) super.set(k, v);
  }

  override get size(): number {
    return this.pending ? this.keyList.length : super.size;
  }

  override has(key: K): boolean {
    return this.pending ? this.keysBefore.has(key) : super.has(key);
  }

  override get(key: K): V | undefined {
    if (this.pending && !this.keysBefore.has(key)) return undefined;
    this.ready();
    return super.get(key);
  }

  override set(key: K, value: V): this {
    this.ready();
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    if (this.pending && !this.keysBefore.has(key)) return false;
    this.ready();
    return super.delete(key);
  }

  override clear(): void {
    this.pending = null;
    super.clear();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.ready();
    super.forEach(callback, thisArg);
  }

  override keys(): MapIterator<K> {
    this.ready();
    return super.keys();
  }

  override values(): MapIterator<V> {
    this.ready();
    return super.values();
  }

  override entries(): MapIterator<[K, V]> {
    this.ready();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.ready();
    return super[Symbol.iterator]();
  }
}
