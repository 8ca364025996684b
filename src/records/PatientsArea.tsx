export default function PatientsArea() {
  return (
    <section aria-labelledby="patients-heading">
      <h1 id="patients-heading">Patients</h1>
      <p>Patient records arrive with the records work.</p>
    </section>
  );
}
