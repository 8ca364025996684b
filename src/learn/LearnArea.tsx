export default function LearnArea() {
  return (
    <section aria-labelledby="learn-heading" className="page">
      <h1 id="learn-heading">Learn</h1>
      <p>
        Interactive lessons on stimulation concepts — the activating function, strength–duration,
        recruitment order, CSF thickness, DRG versus SCS targeting — run on the same engine as the
        planner.
      </p>
    </section>
  );
}
