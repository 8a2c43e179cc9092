/**
 * A bounded map from an owner to a value built from it on demand, dropping the least recently
 * used value when full. The index keeps the full models of notes read from disk in one, so memory
 * does not grow with the vault while repeated requests about the same notes stay fast.
 */
export class ModelCache<Owner, Value> {
  /** Insertion order is use order: a hit moves its owner to the end, eviction takes the first. */
  private readonly values = new Map<Owner, Value>();

  constructor(
    private readonly build: (owner: Owner) => Value,
    private readonly capacity: number,
  ) {}

  get size(): number {
    return this.values.size;
  }

  get(owner: Owner): Value {
    const cached = this.values.get(owner);
    if (cached !== undefined) {
      this.values.delete(owner);
      this.values.set(owner, cached);
      return cached;
    }
    const built = this.build(owner);
    this.values.set(owner, built);
    if (this.values.size > this.capacity) {
      const oldest = this.values.keys().next();
      if (!oldest.done) this.values.delete(oldest.value);
    }
    return built;
  }

  /** The value kept for `owner`, else one built for this use only: nothing is kept or evicted. */
  peekOrBuild(owner: Owner): Value {
    return this.values.get(owner) ?? this.build(owner);
  }

  delete(owner: Owner): void {
    this.values.delete(owner);
  }
}
