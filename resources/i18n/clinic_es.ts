<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AnswerWidget</name>
    <message>
        <source>{label}: not answered yet.</source>
        <translation>{label}: aún sin responder.</translation>
    </message>
</context>
<context>
    <name>AntiviralFields</name>
    <message>
        <source>{label}: prescribed</source>
        <translation>{label}: recetado</translation>
    </message>
    <message>
        <source>medicine and dose, as prescribed</source>
        <translation>medicamento y dosis, según la receta</translation>
    </message>
    <message>
        <source>e.g. 13/12/2026 or 2026-12-13</source>
        <translation>p. ej. 13/12/2026 o 2026-12-13</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>&amp;Medicine</source>
        <translation>&amp;Medicamento</translation>
    </message>
    <message>
        <source>&amp;First day</source>
        <translation>&amp;Primer día</translation>
    </message>
    <message>
        <source>&amp;Days</source>
        <translation>&amp;Días</translation>
    </message>
</context>
<context>
    <name>AreaRow</name>
    <message>
        <source>{label}: &apos;{text}&apos; is not a number.</source>
        <translation>{label}: «{text}» no es un número.</translation>
    </message>
</context>
<context>
    <name>AreasEditor</name>
    <message>
        <source>last session</source>
        <translation>última sesión</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Zona</translation>
    </message>
    <message>
        <source>per spot</source>
        <translation>por punto</translation>
    </message>
    <message>
        <source>Scan
pattern</source>
        <translation>Patrón
de escaneo</translation>
    </message>
    <message>
        <source>Scan
size</source>
        <translation>Tamaño
de escaneo</translation>
    </message>
</context>
<context>
    <name>AreasPage</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>today</source>
        <translation>hoy</translation>
    </message>
    <message>
        <source>in {days} days</source>
        <translation>dentro de {days} días</translation>
    </message>
    <message>
        <source>in the past</source>
        <translation>en el pasado</translation>
    </message>
    <message>
        <source>{label}: write it as YYYY-MM-DD.</source>
        <translation>{label}: escríbala como AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>{label}: {date} is in the past; choose a coming date.</source>
        <translation>{label}: {date} ya ha pasado; elija una fecha próxima.</translation>
    </message>
</context>
<context>
    <name>AuditWindow</name>
    <message>
        <source>Audit trail</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>record #</source>
        <translation>registro n.º</translation>
    </message>
    <message>
        <source>words in the summary</source>
        <translation>palabras del resumen</translation>
    </message>
    <message>
        <source>&amp;Verify the chain</source>
        <translation>&amp;Verificar la cadena</translation>
    </message>
    <message>
        <source>Recompute every event&apos;s hash: shows the first event that was altered or deleted</source>
        <translation>Vuelve a calcular el hash de cada evento: muestra el primer evento alterado o borrado</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>cualquier día</translation>
    </message>
    <message>
        <source>A record number is a whole number, e.g. 12.</source>
        <translation>El número de registro es un número entero, p. ej. 12.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>1 event</source>
        <translation>1 evento</translation>
    </message>
    <message>
        <source>{count} events</source>
        <translation>{count} eventos</translation>
    </message>
    <message>
        <source>The audit trail could not be read: {exc}</source>
        <translation>No se pudo leer el registro de auditoría: {exc}</translation>
    </message>
    <message>
        <source>Checking every event…</source>
        <translation>Comprobando cada evento…</translation>
    </message>
    <message>
        <source>The check could not run: {exc}</source>
        <translation>No se pudo hacer la comprobación: {exc}</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>&amp;Take photo</source>
        <translation>&amp;Hacer la foto</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>The camera is not ready yet.</source>
        <translation>La cámara todavía no está lista.</translation>
    </message>
    <message>
        <source>Photo taken; it is being added.</source>
        <translation>Foto hecha; se está añadiendo.</translation>
    </message>
    <message>
        <source>The camera reported a problem: %s</source>
        <translation>La cámara ha indicado un problema: %s</translation>
    </message>
</context>
<context>
    <name>ChoiceAnswer</name>
    <message>
        <source>Arrows move, Space chooses; or type the number of a choice</source>
        <translation>Las flechas mueven, Espacio elige; o escriba el número de una opción</translation>
    </message>
</context>
<context>
    <name>ClinicSettingsDialog</name>
    <message>
        <source>Welcome: your clinic&apos;s details</source>
        <translation>Bienvenida: los datos de su clínica</translation>
    </message>
    <message>
        <source>Clinic details</source>
        <translation>Datos de la clínica</translation>
    </message>
    <message>
        <source>e.g. +1 555 123 4567</source>
        <translation>p. ej. +34 612 345 678</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Sin logotipo</translation>
    </message>
    <message>
        <source>Choose &amp;logo…</source>
        <translation>Elegir &amp;logotipo…</translation>
    </message>
    <message>
        <source>&amp;Remove logo</source>
        <translation>&amp;Quitar logotipo</translation>
    </message>
    <message>
        <source>These details head every handout a patient takes home. You can change them later under Settings › Clinic details.</source>
        <translation>Estos datos encabezan cada hoja informativa que el paciente se lleva a casa. Puede cambiarlos más adelante en Ajustes › Datos de la clínica.</translation>
    </message>
    <message>
        <source>Clinic &amp;name</source>
        <translation>&amp;Nombre de la clínica</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Dirección</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Teléfono</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>Correo &amp;electrónico</translation>
    </message>
    <message>
        <source>Paper si&amp;ze</source>
        <translation>Tama&amp;ño del papel</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logotipo</translation>
    </message>
    <message>
        <source>Proposed: {size}, as {reason}.</source>
        <translation>Propuesto: {size}, ya que {reason}.</translation>
    </message>
    <message>
        <source>{size} is usual here: {reason}.</source>
        <translation>Aquí lo habitual es {size}: {reason}.</translation>
    </message>
    <message>
        <source>Choose the clinic&apos;s logo</source>
        <translation>Elegir el logotipo de la clínica</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Cannot read {path}: {strerror}.</source>
        <translation>No se puede leer {path}: {strerror}.</translation>
    </message>
    <message>
        <source>Clinic details not saved</source>
        <translation>Datos de la clínica no guardados</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>Compare visits</source>
        <translation>Comparar visitas</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>Consulta</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Lado a lado</translation>
    </message>
    <message>
        <source>Slider</source>
        <translation>Deslizador</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Ajustar</translation>
    </message>
    <message>
        <source>&amp;Export PDF for the patient…</source>
        <translation>&amp;Exportar PDF para el paciente…</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>Antes:</translation>
    </message>
    <message>
        <source>After:</source>
        <translation>Después:</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>Vista:</translation>
    </message>
    <message>
        <source>Choose two visits that both have a photo of this view.</source>
        <translation>Elija dos visitas que tengan ambas una foto de esta vista.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Left of the line:</source>
        <translation>A la izquierda de la línea:</translation>
    </message>
    <message>
        <source>right of the line:</source>
        <translation>a la derecha de la línea:</translation>
    </message>
    <message>
        <source>Wheel to zoom, drag to pan: both photos follow.</source>
        <translation>Rueda para ampliar, arrastrar para desplazar: las dos fotos se mueven a la vez.</translation>
    </message>
    <message>
        <source>The photos could not be shown: %s</source>
        <translation>No se pudieron mostrar las fotos: %s</translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation>Exportar la comparación</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>La exportación ha fallado</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>Escribiendo el PDF…</translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation>Guardado: %s</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>Informed consent</source>
        <translation>Consentimiento informado</translation>
    </message>
    <message>
        <source>Sign &amp;consent…</source>
        <translation>Firmar el &amp;consentimiento…</translation>
    </message>
    <message>
        <source>&amp;Print consent…</source>
        <translation>&amp;Imprimir el consentimiento…</translation>
    </message>
    <message>
        <source>Show the latest signed consent, to print or save</source>
        <translation>Mostrar el último consentimiento firmado, para imprimirlo o guardarlo</translation>
    </message>
    <message>
        <source>&amp;Withdraw consent…</source>
        <translation>&amp;Retirar el consentimiento…</translation>
    </message>
    <message>
        <source>View / sign again…</source>
        <translation>Ver / firmar de nuevo…</translation>
    </message>
    <message>
        <source>Informed consent: {name}</source>
        <translation>Consentimiento informado: {name}</translation>
    </message>
    <message>
        <source>The program that lays out the consent stopped unexpectedly, so no copy was made. Try again: it starts afresh.</source>
        <translation>El programa que compone el consentimiento se ha detenido de forma inesperada, así que no se ha hecho ninguna copia. Inténtelo de nuevo: se vuelve a iniciar.</translation>
    </message>
    <message>
        <source>The consent could not be prepared: {exc}</source>
        <translation>No se ha podido preparar el consentimiento: {exc}</translation>
    </message>
</context>
<context>
    <name>ConsentPreview</name>
    <message>
        <source>Print this consent (Ctrl+P)</source>
        <translation>Imprimir este consentimiento (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save this consent as a PDF file (Ctrl+S)</source>
        <translation>Guardar este consentimiento como archivo PDF (Ctrl+S)</translation>
    </message>
    <message>
        <source>Preparing the signed consent…</source>
        <translation>Preparando el consentimiento firmado…</translation>
    </message>
    <message>
        <source>The consent was not saved</source>
        <translation>El consentimiento no se ha guardado</translation>
    </message>
    <message>
        <source>The consent was not printed</source>
        <translation>El consentimiento no se ha impreso</translation>
    </message>
    <message>
        <source>The consent is still open here and stays recorded: nothing is lost.</source>
        <translation>El consentimiento sigue abierto aquí y continúa registrado: no se pierde nada.</translation>
    </message>
    <message>
        <source>Consent #{id} · SHA-256 {sha256}…</source>
        <translation>Consentimiento n.º {id} · SHA-256 {sha256}…</translation>
    </message>
    <message>
        <source>SHA-256 {sha256}</source>
        <translation>SHA-256 {sha256}</translation>
    </message>
</context>
<context>
    <name>ConsentPreviewDialogs</name>
    <message>
        <source>Save consent as PDF</source>
        <translation>Guardar el consentimiento como PDF</translation>
    </message>
    <message>
        <source>Print consent</source>
        <translation>Imprimir el consentimiento</translation>
    </message>
</context>
<context>
    <name>ConsentSigningDialog</name>
    <message>
        <source>Informed consent</source>
        <translation>Consentimiento informado</translation>
    </message>
    <message>
        <source>&amp;Sign consent</source>
        <translation>&amp;Firmar el consentimiento</translation>
    </message>
    <message>
        <source>Read to the end: sign below.</source>
        <translation>Leído hasta el final: firme abajo.</translation>
    </message>
</context>
<context>
    <name>ConsultationController</name>
    <message>
        <source>New &amp;consultation…</source>
        <translation>Nueva &amp;consulta…</translation>
    </message>
    <message>
        <source>Guided consultation and contraindication screening for this patient</source>
        <translation>Consulta guiada y cribado de contraindicaciones para este paciente</translation>
    </message>
    <message>
        <source>saved as not a candidate now</source>
        <translation>guardada como sin indicación por ahora</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>guardada</translation>
    </message>
    <message>
        <source>Consultation {words}.</source>
        <translation>Consulta {words}.</translation>
    </message>
    <message>
        <source>Consultation draft kept: resume it with New consultation.</source>
        <translation>Borrador de consulta conservado: retómelo con Nueva consulta.</translation>
    </message>
    <message>
        <source>An amendment</source>
        <translation>Una enmienda</translation>
    </message>
    <message>
        <source>A consultation</source>
        <translation>Una consulta</translation>
    </message>
    <message>
        <source>Resume the unfinished consultation?</source>
        <translation>¿Retomar la consulta sin terminar?</translation>
    </message>
    <message>
        <source>{what} for this patient was started on {started} and last saved on {updated}. Resume it where it was left?</source>
        <translation>{what} de este paciente se empezó el {started} y se guardó por última vez el {updated}. ¿Desea retomarla donde se dejó?</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <source>Start a new consultation instead?</source>
        <translation>¿Empezar una consulta nueva en su lugar?</translation>
    </message>
    <message>
        <source>The unfinished consultation of {started} will be set aside: kept, read-only, and listed on the patient page. Nothing is deleted.</source>
        <translation>La consulta sin terminar del {started} quedará apartada: se conserva, solo para lectura, y aparece en la página del paciente. No se borra nada.</translation>
    </message>
    <message>
        <source>Set aside and start new</source>
        <translation>Apartar y empezar una nueva</translation>
    </message>
    <message>
        <source>The consultation&apos;s content files cannot be used:

{exc}</source>
        <translation>No se pueden usar los archivos de contenido de la consulta:

{exc}</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>Consulta</translation>
    </message>
</context>
<context>
    <name>ConsultationPage</name>
    <message>
        <source> ({more} more on this page)</source>
        <translation> ({more} más en esta página)</translation>
    </message>
    <message>
        <source>Before going on: {message}{extra}</source>
        <translation>Antes de continuar: {message}{extra}</translation>
    </message>
</context>
<context>
    <name>ConsultationView</name>
    <message>
        <source>Consultation #{id} — {patient_name} (read-only)</source>
        <translation>Consulta n.º {id} — {patient_name} (solo lectura)</translation>
    </message>
    <message>
        <source>&amp;Amend…</source>
        <translation>&amp;Enmendar…</translation>
    </message>
    <message>
        <source>Correct this consultation: a new one is made from it; this one is kept as it is</source>
        <translation>Corregir esta consulta: se crea una nueva a partir de ella; esta se conserva tal como está</translation>
    </message>
</context>
<context>
    <name>ConsultationWizard</name>
    <message>
        <source>Amend consultation</source>
        <translation>Enmendar la consulta</translation>
    </message>
    <message>
        <source>New consultation</source>
        <translation>Nueva consulta</translation>
    </message>
    <message>
        <source>&amp;Save consultation</source>
        <translation>&amp;Guardar la consulta</translation>
    </message>
    <message>
        <source>C&amp;lose (draft kept)</source>
        <translation>Ce&amp;rrar (se conserva el borrador)</translation>
    </message>
    <message>
        <source>Draft not saved</source>
        <translation>Borrador no guardado</translation>
    </message>
    <message>
        <source>Consultation not saved</source>
        <translation>Consulta no guardada</translation>
    </message>
    <message>
        <source>Nothing was saved as final; the draft is kept.

{lines}</source>
        <translation>No se ha guardado nada como definitivo; el borrador se conserva.

{lines}</translation>
    </message>
    <message>
        <source>Close without saving?</source>
        <translation>¿Cerrar sin guardar?</translation>
    </message>
    <message>
        <source>The draft could not be saved; what was typed since the last page change would be lost.</source>
        <translation>No se pudo guardar el borrador; se perdería lo escrito desde el último cambio de página.</translation>
    </message>
    <message>
        <source>Close anyway</source>
        <translation>Cerrar de todos modos</translation>
    </message>
</context>
<context>
    <name>DetailsAnswer</name>
    <message>
        <source>N = none, Y = type them</source>
        <translation>N = ninguno, Y = escribirlos</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Yes:</source>
        <translation>Sí:</translation>
    </message>
    <message>
        <source>which, in words</source>
        <translation>cuáles, en palabras</translation>
    </message>
    <message>
        <source>{label}: not answered yet.</source>
        <translation>{label}: aún sin responder.</translation>
    </message>
    <message>
        <source>{label}: write which, or choose None.</source>
        <translation>{label}: escriba cuáles, o elija Ninguno.</translation>
    </message>
</context>
<context>
    <name>DialogService</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ExposureAnswer</name>
    <message>
        <source>N = no, C = currently, D = type the date last used or done</source>
        <translation>N = no, C = actualmente, D = escribir la fecha del último uso o de la última vez</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Currently</source>
        <translation>Actualmente</translation>
    </message>
    <message>
        <source>Last on</source>
        <translation>La última vez el</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>{label}: not answered yet.</source>
        <translation>{label}: aún sin responder.</translation>
    </message>
    <message>
        <source>{label}: write the date as YYYY-MM-DD.</source>
        <translation>{label}: escriba la fecha como AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>{label}: {date} is after today; choose &quot;Currently&quot; if the patient still uses it.</source>
        <translation>{label}: {date} es posterior a hoy; elija «Actualmente» si el paciente todavía lo usa.</translation>
    </message>
</context>
<context>
    <name>FaceChartPanel</name>
    <message>
        <source>Remove {area}?</source>
        <translation>¿Quitar {area}?</translation>
    </message>
    <message>
        <source>The row of {area} holds values you typed ({values}). Remove the row and lose them?</source>
        <translation>La fila de {area} tiene valores que usted escribió ({values}). ¿Quitar la fila y perderlos?</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
</context>
<context>
    <name>FaceChartWidget</name>
    <message>
        <source>Face chart</source>
        <translation>Esquema facial</translation>
    </message>
</context>
<context>
    <name>FindingCard</name>
    <message>
        <source>Source: {source} (rule {rule_id}, version {rule_version})</source>
        <translation>Fuente: {source} (regla {rule_id}, versión {rule_version})</translation>
    </message>
    <message>
        <source>Why it matters</source>
        <translation>Por qué importa</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <source>Why the treatment can go ahead despite this finding</source>
        <translation>Por qué el tratamiento puede seguir adelante pese a este hallazgo</translation>
    </message>
    <message>
        <source>&amp;Reason to proceed (required):</source>
        <translation>&amp;Motivo para seguir adelante (obligatorio):</translation>
    </message>
</context>
<context>
    <name>FirstUserDialog</name>
    <message>
        <source>Welcome: create the administrator</source>
        <translation>Bienvenida: cree el administrador</translation>
    </message>
    <message>
        <source>Patient records are health information: everyone who uses this app signs in with their own account. Create the administrator&apos;s account first; the administrator adds the other users (Administration › Users) and can see the audit trail.</source>
        <translation>Las fichas de los pacientes son información de salud: cada persona que usa esta aplicación inicia sesión con su propia cuenta. Cree primero la cuenta del administrador; el administrador añade a los demás usuarios (Administración › Usuarios) y puede ver el registro de auditoría.</translation>
    </message>
    <message>
        <source>e.g. maria</source>
        <translation>p. ej. maria</translation>
    </message>
    <message>
        <source>Maria López</source>
        <translation>María López</translation>
    </message>
    <message>
        <source>at least {length} characters</source>
        <translation>al menos {length} caracteres</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>Nombre de &amp;usuario</translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation>Nombre &amp;completo</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <source>&amp;Repeat password</source>
        <translation>&amp;Repita la contraseña</translation>
    </message>
    <message>
        <source>&amp;Create and sign in</source>
        <translation>&amp;Crear e iniciar sesión</translation>
    </message>
    <message>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>Las dos contraseñas no coinciden; escriba la misma contraseña dos veces.</translation>
    </message>
</context>
<context>
    <name>FollowUpNoteDialog</name>
    <message>
        <source>Follow-up contact</source>
        <translation>Contacto de seguimiento</translation>
    </message>
    <message>
        <source>{label} for {patient}, due {day}</source>
        <translation>{label} de {patient}, previsto el {day}</translation>
    </message>
    <message>
        <source>&amp;Done: patient reached or seen</source>
        <translation>&amp;Hecho: se ha hablado con el paciente o se le ha visto</translation>
    </message>
    <message>
        <source>&amp;Not reached: stays due (say what was tried)</source>
        <translation>&amp;No localizado: sigue pendiente (indique qué se intentó)</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;ota:</translation>
    </message>
    <message>
        <source>Required: e.g. voicemail left, text sent</source>
        <translation>Obligatorio: p. ej. mensaje en el buzón de voz, SMS enviado</translation>
    </message>
    <message>
        <source>Required: what was seen or said</source>
        <translation>Obligatorio: qué se vio o qué se dijo</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
</context>
<context>
    <name>FollowUpTableModel</name>
    <message>
        <source>Due</source>
        <translation>Previsto</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>today</source>
        <translation>hoy</translation>
    </message>
    <message>
        <source>1 day late</source>
        <translation>1 día de retraso</translation>
    </message>
    <message numerus="yes">
        <source>%n days late</source>
        <translation>
            <numerusform>%n día de retraso</numerusform>
            <numerusform>%n días de retraso</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, tried %n×</source>
        <translation>
            <numerusform>, intentado %n vez</numerusform>
            <numerusform>, intentado %n veces</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FollowUpsController</name>
    <message>
        <source>Follow-ups due</source>
        <translation>Seguimientos pendientes</translation>
    </message>
    <message>
        <source>E&amp;xport calendar…</source>
        <translation>E&amp;xportar el calendario…</translation>
    </message>
    <message>
        <source>Save this patient&apos;s open follow-ups as a calendar file (.ics)</source>
        <translation>Guardar los seguimientos abiertos de este paciente como archivo de calendario (.ics)</translation>
    </message>
    <message>
        <source>Export calendar</source>
        <translation>Exportar el calendario</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>Archivos de calendario (*.ics)</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) saved to </source>
        <translation>
            <numerusform>%n seguimiento guardado en </numerusform>
            <numerusform>%n seguimientos guardados en </numerusform>
        </translation>
    </message>
    <message>
        <source>Calendar file in English</source>
        <translation>Archivo de calendario en inglés</translation>
    </message>
    <message>
        <source>The calendar was not saved</source>
        <translation>El calendario no se ha guardado</translation>
    </message>
</context>
<context>
    <name>FollowUpsPanel</name>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>Seguimientos pendientes</translation>
    </message>
    <message>
        <source>Close the selected contact, with a note (Enter)</source>
        <translation>Cerrar el contacto seleccionado, con una nota (Intro)</translation>
    </message>
    <message>
        <source>Do&amp;ne…</source>
        <translation>&amp;Listo…</translation>
    </message>
    <message>
        <source>Open pat&amp;ient</source>
        <translation>Abrir el pac&amp;iente</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>No follow-ups due today.</source>
        <translation>Hoy no hay seguimientos pendientes.</translation>
    </message>
    <message numerus="yes">
        <source>%n due today</source>
        <translation>
            <numerusform>%n pendiente hoy</numerusform>
            <numerusform>%n pendientes hoy</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n overdue</source>
        <translation>
            <numerusform>, %n atrasado</numerusform>
            <numerusform>, %n atrasados</numerusform>
        </translation>
    </message>
    <message>
        <source>The follow-ups could not be read: {message}</source>
        <translation>No se pudieron leer los seguimientos: {message}</translation>
    </message>
</context>
<context>
    <name>FormDraftKeeper</name>
    <message>
        <source>{question} (No throws it away.)</source>
        <translation>{question} (Cancelar lo descarta.)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
</context>
<context>
    <name>GateDialog</name>
    <message>
        <source>I have read this, checked the patient, and take responsibility for going on</source>
        <translation>Lo he leído, he revisado al paciente y asumo la responsabilidad de seguir adelante</translation>
    </message>
    <message>
        <source>&amp;Reason to go on (kept in the record and the audit trail, never printed):</source>
        <translation>&amp;Motivo para seguir (se guarda en el historial y en el registro de auditoría, nunca se imprime):</translation>
    </message>
    <message>
        <source>What was checked, by whom, and why it is safe to go on today</source>
        <translation>Qué se comprobó, quién lo hizo y por qué es seguro seguir hoy</translation>
    </message>
    <message>
        <source>Record the reason and go on</source>
        <translation>Anotar el motivo y seguir</translation>
    </message>
</context>
<context>
    <name>HandoutController</name>
    <message>
        <source>&amp;Pre-care handout…</source>
        <translation>Hoja de cuidados &amp;previos…</translation>
    </message>
    <message>
        <source>Preview and print what this patient does before the treatment, with real dates</source>
        <translation>Ver e imprimir lo que este paciente debe hacer antes del tratamiento, con fechas reales</translation>
    </message>
    <message>
        <source>P&amp;ost-care handout…</source>
        <translation>Hoja de cuidados p&amp;osteriores…</translation>
    </message>
    <message>
        <source>Preview and print this patient&apos;s day-by-day recovery calendar</source>
        <translation>Ver e imprimir el calendario de recuperación, día a día, de este paciente</translation>
    </message>
    <message>
        <source>&amp;Documents…</source>
        <translation>&amp;Documentos…</translation>
    </message>
    <message>
        <source>The handouts made for this patient: open them or print them again identically</source>
        <translation>Las hojas informativas hechas para este paciente: abrirlas o volver a imprimirlas idénticas</translation>
    </message>
    <message>
        <source>The handout could not be made</source>
        <translation>No se pudo hacer la hoja informativa</translation>
    </message>
    <message>
        <source>Not cleared for a handout</source>
        <translation>Sin autorización para una hoja informativa</translation>
    </message>
    <message>
        <source>Preparing the {label}…</source>
        <translation>Preparando la {label}…</translation>
    </message>
    <message>
        <source>Clinic details missing</source>
        <translation>Faltan los datos de la clínica</translation>
    </message>
    <message>
        <source>Open clinic details</source>
        <translation>Abrir los datos de la clínica</translation>
    </message>
</context>
<context>
    <name>HandoutDocumentsDialog</name>
    <message>
        <source>Handouts of {patient_name}</source>
        <translation>Hojas informativas de {patient_name}</translation>
    </message>
    <message>
        <source>Every handout made for this patient, newest first, kept exactly as it was made. “Print again” prints that stored file itself, unchanged.</source>
        <translation>Todas las hojas informativas hechas para este paciente, de la más reciente a la más antigua, guardadas tal como se hicieron. «Volver a imprimir» imprime ese mismo archivo guardado, sin cambios.</translation>
    </message>
    <message>
        <source>No handout has been made for this patient yet.</source>
        <translation>Todavía no se ha hecho ninguna hoja informativa para este paciente.</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>Print &amp;again…</source>
        <translation>&amp;Volver a imprimir…</translation>
    </message>
</context>
<context>
    <name>HandoutPreview</name>
    <message>
        <source>Print this handout (Ctrl+P)</source>
        <translation>Imprimir esta hoja informativa (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save this handout as a PDF file (Ctrl+S)</source>
        <translation>Guardar esta hoja informativa como archivo PDF (Ctrl+S)</translation>
    </message>
    <message>
        <source>Preparing the handout…</source>
        <translation>Preparando la hoja informativa…</translation>
    </message>
    <message>
        <source>Document #{id} · recorded {made} · {template_version} · SHA-256 {sha256}…</source>
        <translation>Documento n.º {id} · registrado el {made} · {template_version} · SHA-256 {sha256}…</translation>
    </message>
    <message>
        <source>SHA-256 {sha256}</source>
        <translation>SHA-256 {sha256}</translation>
    </message>
    <message>
        <source>The handout was not saved</source>
        <translation>La hoja informativa no se ha guardado</translation>
    </message>
    <message>
        <source>The handout was not printed</source>
        <translation>La hoja informativa no se ha impreso</translation>
    </message>
</context>
<context>
    <name>HandoutRequestDialog</name>
    <message>
        <source>Pre-care handout</source>
        <translation>Hoja de cuidados previos</translation>
    </message>
    <message>
        <source>Post-care handout</source>
        <translation>Hoja de cuidados posteriores</translation>
    </message>
    <message>
        <source>For &lt;b&gt;{name}&lt;/b&gt;. </source>
        <translation>Para &lt;b&gt;{name}&lt;/b&gt;. </translation>
    </message>
    <message>
        <source>The steps are dated back from the treatment day.</source>
        <translation>Los pasos se fechan hacia atrás desde el día del tratamiento.</translation>
    </message>
    <message>
        <source>The recovery calendar starts on the treatment day.</source>
        <translation>El calendario de recuperación empieza el día del tratamiento.</translation>
    </message>
    <message>
        <source>Treatment &amp;date:</source>
        <translation>&amp;Fecha del tratamiento:</translation>
    </message>
    <message>
        <source>As planned in the latest consultation.</source>
        <translation>Según lo planificado en la última consulta.</translation>
    </message>
    <message>
        <source>Print the &amp;time:</source>
        <translation>Imprimir la &amp;hora:</translation>
    </message>
    <message>
        <source>Antiviral: {drug}, {days} days from {start} (recorded on the plan)</source>
        <translation>Antiviral: {drug}, {days} días desde el {start} (anotado en el plan)</translation>
    </message>
    <message>
        <source>No antiviral recorded on the plan: the handout prints no antiviral step.</source>
        <translation>No hay ningún antiviral anotado en el plan: la hoja no imprime ningún paso de antiviral.</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Hora:</translation>
    </message>
    <message>
        <source>&amp;Intensity:</source>
        <translation>&amp;Intensidad:</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vista previa</translation>
    </message>
    <message>
        <source>{problem} Today is {today}.</source>
        <translation>{problem} Hoy es {today}.</translation>
    </message>
</context>
<context>
    <name>HistoryFaceChart</name>
    <message>
        <source>Areas of the session of {when}</source>
        <translation>Zonas de la sesión del {when}</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>Enter starts a new line; Ctrl+Enter goes to the next page</source>
        <translation>Intro empieza una línea nueva; Ctrl+Intro pasa a la página siguiente</translation>
    </message>
    <message>
        <source>{label}: tick at least one concern.</source>
        <translation>{label}: marque al menos una inquietud.</translation>
    </message>
    <message>
        <source>{label}: describe it in words.</source>
        <translation>{label}: descríbala con palabras.</translation>
    </message>
    <message>
        <source>{label}: write at least a few words.</source>
        <translation>{label}: escriba al menos unas palabras.</translation>
    </message>
    <message>
        <source>{label}: choose one.</source>
        <translation>{label}: elija una opción.</translation>
    </message>
</context>
<context>
    <name>LeftOpen</name>
    <message>
        <source>the new patient {name}</source>
        <translation>el nuevo paciente {name}</translation>
    </message>
    <message>
        <source>a new patient</source>
        <translation>un paciente nuevo</translation>
    </message>
    <message>
        <source>the changes to patient #{patient_id}</source>
        <translation>los cambios del paciente n.º {patient_id}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in — CO2 Resurfacing Consultation</source>
        <translation>Iniciar sesión — Consulta de rejuvenecimiento con láser CO2</translation>
    </message>
    <message>
        <source>Sign in to open the patient records.
{description}</source>
        <translation>Inicie sesión para abrir las fichas de los pacientes.
{description}</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>Nombre de &amp;usuario</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Escriba su nombre de usuario.</translation>
    </message>
    <message>
        <source>The password could not be checked: {exc}. Try again.</source>
        <translation>No se pudo comprobar la contraseña: {exc}. Inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The database this window reads and writes</source>
        <translation>La base de datos que lee y escribe esta ventana</translation>
    </message>
    <message>
        <source>&amp;New patient…</source>
        <translation>&amp;Nuevo paciente…</translation>
    </message>
    <message>
        <source>&amp;Find patient</source>
        <translation>&amp;Buscar paciente</translation>
    </message>
    <message>
        <source>&amp;Edit patient…</source>
        <translation>&amp;Editar paciente…</translation>
    </message>
    <message>
        <source>&amp;Clinic details…</source>
        <translation>&amp;Datos de la clínica…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Manual</source>
        <translation>&amp;Manual</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Acerca de</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Patient</source>
        <translation>&amp;Paciente</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>A&amp;justes</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>1 patient registered</source>
        <translation>1 paciente registrado</translation>
    </message>
    <message>
        <source>{count} patients registered</source>
        <translation>{count} pacientes registrados</translation>
    </message>
    <message>
        <source>Clinic details not set (Settings › Clinic details)</source>
        <translation>Faltan los datos de la clínica (Ajustes › Datos de la clínica)</translation>
    </message>
    <message>
        <source>Patient not found</source>
        <translation>Paciente no encontrado</translation>
    </message>
    <message>
        <source>Restore a form left open?</source>
        <translation>¿Restaurar un formulario que quedó abierto?</translation>
    </message>
    <message>
        <source>The app closed while {description} was being typed, before it was saved. Open the form again with what was typed?

Cancel keeps it for later: it is offered again at the next start and when that form is opened.</source>
        <translation>La aplicación se cerró mientras se escribía {description}, antes de guardarlo. ¿Desea abrir de nuevo el formulario con lo que se escribió?

Cancelar lo guarda para más tarde: se ofrece de nuevo en el próximo inicio y al abrir ese formulario.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Patient saved.</source>
        <translation>Paciente guardado.</translation>
    </message>
    <message>
        <source>Archive patient?</source>
        <translation>¿Archivar el paciente?</translation>
    </message>
    <message>
        <source>{name} will no longer appear in the patient list. Nothing is deleted: tick “Show archived patients” above the list to find the record and restore it.</source>
        <translation>{name} dejará de aparecer en la lista de pacientes. No se borra nada: marque «Mostrar pacientes archivados» encima de la lista para encontrar la ficha y restaurarla.</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivar</translation>
    </message>
    <message>
        <source>{name} archived.</source>
        <translation>{name}: ficha archivada.</translation>
    </message>
    <message>
        <source>Clinic details</source>
        <translation>Datos de la clínica</translation>
    </message>
    <message>
        <source>Only an administrator can change the clinic&apos;s details; ask an administrator.</source>
        <translation>Solo un administrador puede cambiar los datos de la clínica; pídaselo a un administrador.</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Acerca de</translation>
    </message>
    <message>
        <source>{title}
Version {version}

Database: {description}</source>
        <translation>{title}
Versión {version}

Base de datos: {description}</translation>
    </message>
</context>
<context>
    <name>MultiChoiceAnswer</name>
    <message>
        <source>None of these</source>
        <translation>Ninguna de estas</translation>
    </message>
    <message>
        <source>N = none of these</source>
        <translation>N = ninguna de estas</translation>
    </message>
    <message>
        <source>{label}: tick at least one.</source>
        <translation>{label}: marque al menos una.</translation>
    </message>
    <message>
        <source>{label}: tick what applies, or &quot;{none}&quot;.</source>
        <translation>{label}: marque lo que corresponda, o «{none}».</translation>
    </message>
</context>
<context>
    <name>NotCandidateBox</name>
    <message>
        <source>Save as not a &amp;candidate now</source>
        <translation>Guardar como sin indi&amp;cación por ahora</translation>
    </message>
    <message>
        <source>{label}: write it first.</source>
        <translation>{label}: escríbalo primero.</translation>
    </message>
</context>
<context>
    <name>PatientDialog</name>
    <message>
        <source>Edit patient</source>
        <translation>Editar paciente</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>Nuevo paciente</translation>
    </message>
    <message>
        <source>Han&amp;douts in</source>
        <translation>&amp;Hojas informativas en</translation>
    </message>
    <message>
        <source>e.g. {examples}</source>
        <translation>p. ej. {examples}</translation>
    </message>
    <message>
        <source>e.g. +1 555 123 4567</source>
        <translation>p. ej. +34 612 345 678</translation>
    </message>
    <message>
        <source>Date of birth: {exc}.</source>
        <translation>Fecha de nacimiento: {exc}.</translation>
    </message>
    <message>
        <source>{date} · {age_on} years old</source>
        <translation>{date} · {age_on} años</translation>
    </message>
    <message>
        <source>Patient not saved</source>
        <translation>Paciente no guardado</translation>
    </message>
    <message>
        <source>{exc}

The form now shows their values in the fields you had not changed; your own changes are kept. Check them and save again.</source>
        <translation>{exc}

El formulario muestra ahora esos valores en los campos que usted no había cambiado; sus propios cambios se conservan. Revíselos y guarde de nuevo.</translation>
    </message>
    <message>
        <source>  #{id}  {first_name} {last_name}, born {born}{archived}</source>
        <translation>  n.º {id}  {first_name} {last_name}, nacido/a el {born}{archived}</translation>
    </message>
    <message>
        <source>  (archived)</source>
        <translation>  (archivado)</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Posible duplicado</translation>
    </message>
    <message>
        <source>A patient with the same name and date of birth is already registered:

{names}

Is this a different person? Choose Cancel to go back and check.</source>
        <translation>Ya hay un paciente registrado con el mismo nombre y la misma fecha de nacimiento:

{names}

¿Es una persona distinta? Elija Cancelar para volver atrás y comprobarlo.</translation>
    </message>
    <message>
        <source>Different person: save</source>
        <translation>Persona distinta: guardar</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>¿Descartar los cambios?</translation>
    </message>
    <message>
        <source>What you typed for this patient will be lost.</source>
        <translation>Se perderá lo que ha escrito para este paciente.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Restore what was typed?</source>
        <translation>¿Restaurar lo que se escribió?</translation>
    </message>
    <message>
        <source>This form was left with changes that were not saved (the app closed). Restore them?</source>
        <translation>Este formulario quedó con cambios sin guardar (la aplicación se cerró). ¿Desea restaurarlos?</translation>
    </message>
</context>
<context>
    <name>PatientListPage</name>
    <message>
        <source>Find a patient: name, date of birth (1984-03-27) or phone   —   Ctrl+F</source>
        <translation>Buscar un paciente: nombre, fecha de nacimiento (1984-03-27) o teléfono   —   Ctrl+F</translation>
    </message>
    <message>
        <source>Show arc&amp;hived patients</source>
        <translation>Mostrar pacientes arc&amp;hivados</translation>
    </message>
    <message>
        <source>The search could not be run: {reason}. Try again in a moment.</source>
        <translation>No se pudo hacer la búsqueda: {reason}. Inténtelo de nuevo dentro de un momento.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>Loading the patient list…</source>
        <translation>Cargando la lista de pacientes…</translation>
    </message>
    <message>
        <source>No patient matches “{query}”. Press Ctrl+N to register a new patient.</source>
        <translation>Ningún paciente coincide con «{query}». Pulse Ctrl+N para registrar un paciente nuevo.</translation>
    </message>
    <message>
        <source>No patients yet. Press Ctrl+N to register the first one.</source>
        <translation>Todavía no hay pacientes. Pulse Ctrl+N para registrar el primero.</translation>
    </message>
    <message>
        <source>First {shown} matches shown; scroll for more or keep typing.</source>
        <translation>Se muestran las primeras {shown} coincidencias; desplácese para ver más o siga escribiendo.</translation>
    </message>
    <message>
        <source>First {shown} patients shown; scroll for more or keep typing.</source>
        <translation>Se muestran los primeros {shown} pacientes; desplácese para ver más o siga escribiendo.</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 coincidencia</translation>
    </message>
    <message>
        <source>{shown} matches</source>
        <translation>{shown} coincidencias</translation>
    </message>
    <message>
        <source>1 patient</source>
        <translation>1 paciente</translation>
    </message>
    <message>
        <source>{shown} patients</source>
        <translation>{shown} pacientes</translation>
    </message>
</context>
<context>
    <name>PatientPage</name>
    <message>
        <source>← Patient list</source>
        <translation>← Lista de pacientes</translation>
    </message>
    <message>
        <source>Back to the patient list (Esc)</source>
        <translation>Volver a la lista de pacientes (Esc)</translation>
    </message>
    <message>
        <source>&amp;Edit details…</source>
        <translation>&amp;Editar datos…</translation>
    </message>
    <message>
        <source>Edit this patient&apos;s details (Ctrl+E)</source>
        <translation>Editar los datos de este paciente (Ctrl+E)</translation>
    </message>
    <message>
        <source>Double-click or Enter: open the consultation</source>
        <translation>Doble clic o Intro: abrir la consulta</translation>
    </message>
    <message>
        <source>Double-click or Enter: open the session</source>
        <translation>Doble clic o Intro: abrir la sesión</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>Consultas</translation>
    </message>
    <message>
        <source>Treatment sessions</source>
        <translation>Sesiones de tratamiento</translation>
    </message>
    <message>
        <source>  (archived)</source>
        <translation>  (archivado)</translation>
    </message>
    <message>
        <source>Born {born} · {age} years old</source>
        <translation>Fecha de nacimiento: {born} · {age} años</translation>
    </message>
    <message>
        <source>Emergency contact: {who}</source>
        <translation>Contacto de emergencia: {who}</translation>
    </message>
    <message>
        <source>Notes: {notes}</source>
        <translation>Notas: {notes}</translation>
    </message>
    <message>
        <source>Handouts and consent in {language}</source>
        <translation>Hojas informativas y consentimiento en {language}</translation>
    </message>
    <message>
        <source>&amp;Restore from archive</source>
        <translation>&amp;Restaurar del archivo</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archivar</translation>
    </message>
    <message>
        <source>Show this patient in the list again</source>
        <translation>Volver a mostrar este paciente en la lista</translation>
    </message>
    <message>
        <source>Hide this patient from the list; nothing is deleted</source>
        <translation>Ocultar este paciente de la lista; no se borra nada</translation>
    </message>
    <message>
        <source>, treatment {date}</source>
        <translation>, tratamiento el {date}</translation>
    </message>
    <message>
        <source> (amendment of an earlier consultation)</source>
        <translation> (enmienda de una consulta anterior)</translation>
    </message>
    <message>
        <source>Consultation #{id}, amends #{amends_id}</source>
        <translation>Consulta n.º {id}, enmienda la n.º {amends_id}</translation>
    </message>
    <message>
        <source>No consultations recorded yet.</source>
        <translation>Todavía no hay consultas registradas.</translation>
    </message>
    <message>
        <source>No treatment sessions recorded yet.</source>
        <translation>Todavía no hay sesiones de tratamiento registradas.</translation>
    </message>
</context>
<context>
    <name>PatientTableModel</name>
    <message>
        <source>Archived: open the patient to restore the record</source>
        <translation>Archivado: abra el paciente para restaurar la ficha</translation>
    </message>
    <message>
        <source> (archived)</source>
        <translation> (archivado)</translation>
    </message>
    <message>
        <source>{first_name} {last_name}, born {born}{archived}</source>
        <translation>{first_name} {last_name}, nacido/a el {born}{archived}</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Guardar como PDF…</translation>
    </message>
    <message>
        <source>Smaller (Ctrl+-)</source>
        <translation>Más pequeño (Ctrl+-)</translation>
    </message>
    <message>
        <source>Larger (Ctrl++)</source>
        <translation>Más grande (Ctrl++)</translation>
    </message>
    <message>
        <source>&amp;Fit width</source>
        <translation>&amp;Ajustar al ancho</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Page {page} of {page_count}</source>
        <translation>Página {page} de {page_count}</translation>
    </message>
    <message>
        <source>Saved as {name}</source>
        <translation>Se ha guardado como {name}</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>No se puede imprimir</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <source>Printing page {done} of {total}…</source>
        <translation>Imprimiendo la página {done} de {total}…</translation>
    </message>
    <message>
        <source>Sent 1 page to the printer.</source>
        <translation>Se ha enviado 1 página a la impresora.</translation>
    </message>
    <message>
        <source>Sent {pages} pages to the printer.</source>
        <translation>Se han enviado {pages} páginas a la impresora.</translation>
    </message>
    <message>
        <source>Not printed.</source>
        <translation>No se ha impreso.</translation>
    </message>
    <message>
        <source>Print this document (Ctrl+P)</source>
        <translation>Imprimir este documento (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save this document as a PDF file (Ctrl+S)</source>
        <translation>Guardar este documento como archivo PDF (Ctrl+S)</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>Preparando el documento…</translation>
    </message>
    <message>
        <source>The document was not saved</source>
        <translation>El documento no se ha guardado</translation>
    </message>
    <message>
        <source>The document was not printed</source>
        <translation>El documento no se ha impreso</translation>
    </message>
</context>
<context>
    <name>PhotoController</name>
    <message>
        <source>Photos…</source>
        <translation>Fotos…</translation>
    </message>
    <message>
        <source>Photos of this patient&apos;s visits: add, compare two visits, print the comparison</source>
        <translation>Fotos de las visitas de este paciente: añadir, comparar dos visitas, imprimir la comparación</translation>
    </message>
</context>
<context>
    <name>PhotoThumbModel</name>
    <message>
        <source>; publicity allowed</source>
        <translation>; publicidad permitida</translation>
    </message>
    <message>
        <source>Taken by %1</source>
        <translation>Hecha por %1</translation>
    </message>
</context>
<context>
    <name>PhotosWindow</name>
    <message>
        <source>Photos — %s</source>
        <translation>Fotos — %s</translation>
    </message>
    <message>
        <source>Reading the consent…</source>
        <translation>Leyendo el consentimiento…</translation>
    </message>
    <message>
        <source>May be used for publicity (the patient&apos;s separate tick)</source>
        <translation>Puede usarse para publicidad (la casilla aparte del paciente)</translation>
    </message>
    <message>
        <source>Visit:</source>
        <translation>Visita:</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>Vista:</translation>
    </message>
    <message>
        <source>Add from &amp;files…</source>
        <translation>Añadir desde &amp;archivos…</translation>
    </message>
    <message>
        <source>JPEG, PNG or HEIC; or drop files on this window</source>
        <translation>JPEG, PNG o HEIC; o suelte los archivos en esta ventana</translation>
    </message>
    <message>
        <source>&amp;Camera…</source>
        <translation>&amp;Cámara…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Quitar…</translation>
    </message>
    <message>
        <source>C&amp;ompare visits…</source>
        <translation>C&amp;omparar visitas…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>No photos can be added: the patient&apos;s informed consent does not allow clinical photographs. Record a consent with the photo tick first.</source>
        <translation>No se pueden añadir fotos: el consentimiento informado del paciente no permite fotografías clínicas. Registre primero un consentimiento con la casilla de fotos marcada.</translation>
    </message>
    <message>
        <source>publicity allowed</source>
        <translation>publicidad permitida</translation>
    </message>
    <message>
        <source>no publicity</source>
        <translation>sin publicidad</translation>
    </message>
    <message>
        <source>Clinical photos allowed by the consent of %1 (%2).</source>
        <translation>Fotos clínicas permitidas por el consentimiento del %1 (%2).</translation>
    </message>
    <message>
        <source>Record a consultation first: photos belong to a visit.</source>
        <translation>Registre primero una consulta: las fotos pertenecen a una visita.</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s).</source>
        <translation>
            <numerusform>%n foto.</numerusform>
            <numerusform>%n fotos.</numerusform>
        </translation>
    </message>
    <message>
        <source>The photos could not be read: %s</source>
        <translation>No se pudieron leer las fotos: %s</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>Añadir fotos</translation>
    </message>
    <message>
        <source>Photos (%s)</source>
        <translation>Fotos (%s)</translation>
    </message>
    <message>
        <source>Photos are being added; wait until it is done.</source>
        <translation>Se están añadiendo fotos; espere a que termine.</translation>
    </message>
    <message numerus="yes">
        <source>Adding %n photo(s)…</source>
        <translation>
            <numerusform>Añadiendo %n foto…</numerusform>
            <numerusform>Añadiendo %n fotos…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) added.</source>
        <translation>
            <numerusform>%n foto añadida.</numerusform>
            <numerusform>%n fotos añadidas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not added: </source>
        <translation>No añadidas: </translation>
    </message>
    <message>
        <source>Only JPEG, PNG or HEIC photos can be added.</source>
        <translation>Solo se pueden añadir fotos JPEG, PNG o HEIC.</translation>
    </message>
    <message>
        <source>Choose the photo to remove first.</source>
        <translation>Elija primero la foto que quiere quitar.</translation>
    </message>
    <message>
        <source>Remove this %1 photo of %2? The removal is recorded.</source>
        <translation>¿Quitar esta foto (%1) del %2? La retirada queda registrada.</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Quitar la foto</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Comparing needs photos of two visits.</source>
        <translation>Para comparar hacen falta fotos de dos visitas.</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>Intensity</source>
        <translation>Intensidad</translation>
    </message>
    <message>
        <source>{label}: {description} (about {downtime_days} days)</source>
        <translation>{label}: {description} (unos {downtime_days} días)</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source> weeks</source>
        <translation> semanas</translation>
    </message>
    <message>
        <source>Filled in from the intensity; change it if needed</source>
        <translation>Se rellena a partir de la intensidad; cámbielo si hace falta</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Choose the laser&apos;s device profile…</source>
        <translation>Elija el perfil del equipo láser…</translation>
    </message>
    <message>
        <source>optional, e.g. test spot at the pre-treatment visit</source>
        <translation>opcional, p. ej. zona de prueba en la visita previa al tratamiento</translation>
    </message>
    <message>
        <source>Usually {usual_min}-{usual_max} weeks.</source>
        <translation>Normalmente {usual_min}-{usual_max} semanas.</translation>
    </message>
    <message>
        <source>Interval between sessions</source>
        <translation>Intervalo entre sesiones</translation>
    </message>
    <message>
        <source>Expected downtime</source>
        <translation>Tiempo de recuperación previsto</translation>
    </message>
    <message>
        <source>Device profile</source>
        <translation>Perfil del equipo</translation>
    </message>
    <message>
        <source>Notes for the plan</source>
        <translation>Notas para el plan</translation>
    </message>
    <message>
        <source>Price estimate</source>
        <translation>Presupuesto estimado</translation>
    </message>
    <message>
        <source>Prescriptions</source>
        <translation>Recetas</translation>
    </message>
    <message>
        <source>⚠ Longer than the patient accepts ({label}): discuss it.</source>
        <translation>⚠ Más largo de lo que el paciente acepta ({label}): coméntelo.</translation>
    </message>
    <message>
        <source>The patient accepts: {label}.</source>
        <translation>El paciente acepta: {label}.</translation>
    </message>
    <message>
        <source>Choose the intensity and the number of sessions.</source>
        <translation>Elija la intensidad y el número de sesiones.</translation>
    </message>
    <message>
        <source>No estimate</source>
        <translation>Sin presupuesto</translation>
    </message>
    <message>
        <source>The price list has no {intensity} price for: {missing}.</source>
        <translation>La lista de precios no tiene precio {intensity} para: {missing}.</translation>
    </message>
    <message>
        <source>{sessions} × ({lines}) per session.</source>
        <translation>{sessions} × ({lines}) por sesión.</translation>
    </message>
    <message>
        <source> Included in a larger area: {covered}.</source>
        <translation> Incluido en una zona más amplia: {covered}.</translation>
    </message>
    <message>
        <source>Placeholder: {total}</source>
        <translation>Provisional: {total}</translation>
    </message>
    <message>
        <source>The price list is marked as placeholders: not this clinic&apos;s prices.</source>
        <translation>La lista de precios está marcada como provisional: no son los precios de esta clínica.</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Fuente: {source}</translation>
    </message>
</context>
<context>
    <name>PreviewDialogs</name>
    <message>
        <source>Save handout as PDF</source>
        <translation>Guardar la hoja informativa como PDF</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Guardar como PDF</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Print handout</source>
        <translation>Imprimir la hoja informativa</translation>
    </message>
</context>
<context>
    <name>PriceListDialog</name>
    <message>
        <source>Price list</source>
        <translation>Lista de precios</translation>
    </message>
    <message>
        <source>Prices per session, for the estimate on the consultation&apos;s plan page.</source>
        <translation>Precios por sesión, para el presupuesto de la página del plan de la consulta.</translation>
    </message>
    <message>
        <source> These are placeholder prices, not this clinic&apos;s: enter your own and save.</source>
        <translation> Son precios provisionales, no los de esta clínica: escriba los suyos y guarde.</translation>
    </message>
    <message>
        <source>&amp;Currency (e.g. USD, EUR):</source>
        <translation>&amp;Moneda (p. ej. EUR, USD):</translation>
    </message>
    <message>
        <source>&amp;Symbol:</source>
        <translation>&amp;Símbolo:</translation>
    </message>
</context>
<context>
    <name>PrintTask</name>
    <message>
        <source>Printing failed: {exc}</source>
        <translation>La impresión ha fallado: {exc}</translation>
    </message>
</context>
<context>
    <name>QuestionRow</name>
    <message>
        <source>Source: {source}</source>
        <translation>Fuente: {source}</translation>
    </message>
</context>
<context>
    <name>RecheckPanel</name>
    <message>
        <source>— answer —</source>
        <translation>— respuesta —</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>Yes, still / now</source>
        <translation>Sí, todavía / ahora</translation>
    </message>
    <message>
        <source>Yes, last on a date</source>
        <translation>Sí, la última vez en una fecha</translation>
    </message>
    <message>
        <source>Reason to proceed &amp;today</source>
        <translation>Motivo para seguir adelante &amp;hoy</translation>
    </message>
    <message>
        <source>Why the treatment goes ahead today despite the finding</source>
        <translation>Por qué el tratamiento sigue adelante hoy pese al hallazgo</translation>
    </message>
    <message>
        <source> (decided at the consultation)</source>
        <translation> (decidido en la consulta)</translation>
    </message>
    <message>
        <source> — &lt;b&gt;new since the consultation&lt;/b&gt;</source>
        <translation> — &lt;b&gt;nuevo desde la consulta&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Screening on {day}: answer every question above.</source>
        <translation>Cribado del {day}: responda a todas las preguntas de arriba.</translation>
    </message>
    <message>
        <source>Screening on {day}: nothing found.</source>
        <translation>Cribado del {day}: no se ha encontrado nada.</translation>
    </message>
    <message>
        <source>Screening on {day}:</source>
        <translation>Cribado del {day}:</translation>
    </message>
</context>
<context>
    <name>RecordedDocuments</name>
    <message>
        <source>Patient not found</source>
        <translation>Paciente no encontrado</translation>
    </message>
    <message>
        <source>The handout cannot be printed again</source>
        <translation>La hoja informativa no se puede volver a imprimir</translation>
    </message>
    <message>
        <source>the recorded file, unchanged</source>
        <translation>el archivo registrado, sin cambios</translation>
    </message>
</context>
<context>
    <name>RenderJob</name>
    <message>
        <source>The {kind} was not made</source>
        <translation>No se ha hecho la {kind}</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Go back and correct: </source>
        <translation>Vuelva atrás y corrija: </translation>
    </message>
    <message>
        <source>Not a candidate now…</source>
        <translation>Sin indicación por ahora…</translation>
    </message>
    <message>
        <source>1 absolute</source>
        <translation>1 absoluto</translation>
    </message>
    <message>
        <source>{count} absolute</source>
        <translation>{count} absolutos</translation>
    </message>
    <message>
        <source>1 relative</source>
        <translation>1 relativo</translation>
    </message>
    <message>
        <source>{count} relative</source>
        <translation>{count} relativos</translation>
    </message>
    <message>
        <source>1 caution</source>
        <translation>1 de precaución</translation>
    </message>
    <message>
        <source>{count} caution</source>
        <translation>{count} de precaución</translation>
    </message>
    <message>
        <source>No finding among the answers given. </source>
        <translation>Ningún hallazgo en las respuestas dadas. </translation>
    </message>
    <message>
        <source>No contraindication found for the planned treatment date.</source>
        <translation>No se ha encontrado ninguna contraindicación para la fecha de tratamiento prevista.</translation>
    </message>
    <message>
        <source>1 finding: </source>
        <translation>1 hallazgo: </translation>
    </message>
    <message>
        <source>{count} findings: </source>
        <translation>{count} hallazgos: </translation>
    </message>
    <message>
        <source> The plan is blocked: </source>
        <translation> El plan está bloqueado: </translation>
    </message>
    <message>
        <source>&apos;{title}&apos; blocks the plan: write the reason below and choose &quot;Save as not a candidate now&quot;.</source>
        <translation>«{title}» bloquea el plan: escriba el motivo abajo y elija «Guardar como sin indicación por ahora».</translation>
    </message>
    <message>
        <source>&apos;{title}&apos; is a relative contraindication: {problem}.</source>
        <translation>«{title}» es una contraindicación relativa: {problem}.</translation>
    </message>
</context>
<context>
    <name>ScreenLock</name>
    <message>
        <source>The app locked itself after {minutes_text} without input.</source>
        <translation>La aplicación se ha bloqueado sola tras {minutes_text} sin actividad.</translation>
    </message>
    <message>
        <source>You locked the app (Account › Lock now, Ctrl+L).</source>
        <translation>Usted ha bloqueado la aplicación (Cuenta › Bloquear ahora, Ctrl+L).</translation>
    </message>
    <message>
        <source>The app is locked.</source>
        <translation>La aplicación está bloqueada.</translation>
    </message>
    <message>
        <source>Locked — {display_name}</source>
        <translation>Bloqueada — {display_name}</translation>
    </message>
</context>
<context>
    <name>SecurityControls</name>
    <message>
        <source>Signed in: {display_name} ({role})</source>
        <translation>Sesión iniciada: {display_name} ({role})</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>&amp;Bloquear ahora</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>Cambiar mi &amp;contraseña…</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>Cuen&amp;ta</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>&amp;Usuarios…</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>&amp;Registro de auditoría…</translation>
    </message>
    <message>
        <source>&amp;Security and backups…</source>
        <translation>&amp;Seguridad y copias de seguridad…</translation>
    </message>
    <message>
        <source>&amp;Price list…</source>
        <translation>&amp;Lista de precios…</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>Hacer una &amp;copia de seguridad ahora…</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>R&amp;estaurar desde una copia de seguridad…</translation>
    </message>
    <message>
        <source>A&amp;dministration</source>
        <translation>A&amp;dministración</translation>
    </message>
    <message>
        <source>The clinic&apos;s price list was saved.</source>
        <translation>Se ha guardado la lista de precios de la clínica.</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Se ha cambiado su contraseña.</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>Hacer una copia de seguridad de la base de datos</translation>
    </message>
    <message>
        <source>Database backups (*.db)</source>
        <translation>Copias de seguridad de la base de datos (*.db)</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Restaurar desde una copia de seguridad</translation>
    </message>
    <message>
        <source>Backups (*.db)</source>
        <translation>Copias de seguridad (*.db)</translation>
    </message>
    <message>
        <source>A backup is running</source>
        <translation>Hay una copia de seguridad en curso</translation>
    </message>
    <message>
        <source>A backup or restore is already running. Try again when the status bar says it is done.</source>
        <translation>Ya hay una copia de seguridad o una restauración en curso. Inténtelo de nuevo cuando la barra de estado indique que ha terminado.</translation>
    </message>
    <message>
        <source>Backups on PostgreSQL</source>
        <translation>Copias de seguridad en PostgreSQL</translation>
    </message>
    <message>
        <source>{title} failed</source>
        <translation>{title}: no se pudo completar</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Copia de seguridad</translation>
    </message>
    <message>
        <source>Backup written to {path} ({contents}).</source>
        <translation>Copia de seguridad escrita en {path} ({contents}).</translation>
    </message>
    <message>
        <source>Restored from {name} ({contents}).{kept}
The app closes now; start it again and sign in.</source>
        <translation>Restaurada desde {name} ({contents}).{kept}
La aplicación se cierra ahora; vuelva a abrirla e inicie sesión.</translation>
    </message>
    <message>
        <source>Backup written</source>
        <translation>Copia de seguridad escrita</translation>
    </message>
    <message>
        <source>Daily backup written: {name}</source>
        <translation>Copia de seguridad diaria escrita: {name}</translation>
    </message>
    <message>
        <source>Checking the backup</source>
        <translation>Comprobación de la copia de seguridad</translation>
    </message>
    <message>
        <source>{name}: {patients} patients, {events} audit events, saved {saved}; it passed its checks.

Replace the database with it? Everything saved since that backup will be gone from the app (the current database is kept in {safety_folder}). Open forms are closed without saving and the app closes; start it again afterwards.</source>
        <translation>{name}: {patients} pacientes, {events} eventos de auditoría, guardada el {saved}; ha superado sus comprobaciones.

¿Sustituir la base de datos por ella? Todo lo guardado desde esa copia de seguridad desaparecerá de la aplicación (la base de datos actual se conserva en {safety_folder}). Los formularios abiertos se cierran sin guardar y la aplicación se cierra; vuelva a abrirla después.</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>¿Restaurar esta copia de seguridad?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>
The previous database was kept as {safety_copy}.</source>
        <translation>
La base de datos anterior se ha conservado como {safety_copy}.</translation>
    </message>
    <message>
        <source>Database restored</source>
        <translation>Base de datos restaurada</translation>
    </message>
</context>
<context>
    <name>SecuritySettingsDialog</name>
    <message>
        <source>Security and backups</source>
        <translation>Seguridad y copias de seguridad</translation>
    </message>
    <message>
        <source>The system&apos;s language ({language})</source>
        <translation>El idioma del sistema ({language})</translation>
    </message>
    <message>
        <source>Applied at the next start, on this workstation.</source>
        <translation>Se aplica en el próximo inicio, en este puesto.</translation>
    </message>
    <message>
        <source>&amp;Language of the window</source>
        <translation>&amp;Idioma de la ventana</translation>
    </message>
    <message>
        <source>The language could not be kept: {reason}</source>
        <translation>No se pudo guardar el idioma: {reason}</translation>
    </message>
</context>
<context>
    <name>SessionCharts</name>
    <message>
        <source>No signed session to chart yet.</source>
        <translation>Todavía no hay ninguna sesión firmada que representar.</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Record &amp;session…</source>
        <translation>Registrar una &amp;sesión…</translation>
    </message>
    <message>
        <source>Record the laser settings of a treatment session for this patient</source>
        <translation>Registrar los parámetros del láser de una sesión de tratamiento de este paciente</translation>
    </message>
    <message>
        <source>&amp;Test spot…</source>
        <translation>&amp;Zona de prueba…</translation>
    </message>
    <message>
        <source>Record a test spot and, on its check day, how it healed</source>
        <translation>Registrar una zona de prueba y, el día de la revisión, cómo ha cicatrizado</translation>
    </message>
    <message>
        <source>Session histor&amp;y…</source>
        <translation>Historial de sesio&amp;nes…</translation>
    </message>
    <message>
        <source>The patient&apos;s sessions, a chart of the settings across sessions, CSV export</source>
        <translation>Las sesiones del paciente, un gráfico de los parámetros a lo largo de las sesiones, exportación a CSV</translation>
    </message>
    <message>
        <source>Patient not found</source>
        <translation>Paciente no encontrado</translation>
    </message>
    <message>
        <source>Unsigned session</source>
        <translation>Sesión sin firmar</translation>
    </message>
    <message>
        <source>A session of {performed_at} was saved but not signed. Continue it? (Cancel starts a new session; the draft stays.)</source>
        <translation>Una sesión del {performed_at} se guardó pero no se firmó. ¿Desea continuarla? (Cancelar empieza una sesión nueva; el borrador se conserva.)</translation>
    </message>
    <message>
        <source>Continue the draft</source>
        <translation>Continuar el borrador</translation>
    </message>
    <message>
        <source>Check before treating</source>
        <translation>Compruebe antes de tratar</translation>
    </message>
    <message>
        <source>

Record a session anyway? The warning stays on the session editor.</source>
        <translation>

¿Registrar una sesión de todos modos? La advertencia se mantiene en el editor de la sesión.</translation>
    </message>
    <message>
        <source>Record anyway</source>
        <translation>Registrar de todos modos</translation>
    </message>
    <message>
        <source>Not cleared for a treatment session</source>
        <translation>Sin autorización para una sesión de tratamiento</translation>
    </message>
</context>
<context>
    <name>SessionEditor</name>
    <message>
        <source>last session</source>
        <translation>última sesión</translation>
    </message>
    <message>
        <source>original session</source>
        <translation>sesión original</translation>
    </message>
    <message>
        <source>Session not saved</source>
        <translation>Sesión no guardada</translation>
    </message>
    <message>
        <source>Amend this signed session?</source>
        <translation>¿Enmendar esta sesión firmada?</translation>
    </message>
    <message>
        <source>Amend</source>
        <translation>Enmendar</translation>
    </message>
    <message>
        <source>Cannot amend</source>
        <translation>No se puede enmendar</translation>
    </message>
    <message>
        <source>Delete this draft?</source>
        <translation>¿Borrar este borrador?</translation>
    </message>
    <message>
        <source>The unsigned session will be deleted.</source>
        <translation>Se borrará la sesión sin firmar.</translation>
    </message>
    <message>
        <source>{name} — treatment session</source>
        <translation>{name} — sesión de tratamiento</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Draft not deleted</source>
        <translation>Borrador no borrado</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>¿Descartar los cambios?</translation>
    </message>
    <message>
        <source>What you entered since the last save will be lost.</source>
        <translation>Se perderá lo que ha introducido desde la última vez que guardó.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Unsaved session</source>
        <translation>Sesión sin guardar</translation>
    </message>
</context>
<context>
    <name>SessionEditorForm</name>
    <message>
        <source>When the laser treatment was done (local time)</source>
        <translation>Cuándo se hizo el tratamiento con láser (hora local)</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>&amp;Date and time</source>
        <translation>&amp;Fecha y hora</translation>
    </message>
    <message>
        <source>De&amp;vice</source>
        <translation>E&amp;quipo</translation>
    </message>
    <message>
        <source>I&amp;ntensity</source>
        <translation>I&amp;ntensidad</translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <source>Product, or leave empty</source>
        <translation>Producto, o déjelo vacío</translation>
    </message>
    <message>
        <source>Topical anaesthetic</source>
        <translation>Anestésico tópico</translation>
    </message>
    <message>
        <source>&amp;Product</source>
        <translation>&amp;Producto</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Appl&amp;ied at</source>
        <translation>Apl&amp;icado a las</translation>
    </message>
    <message>
        <source>&amp;Removed at</source>
        <translation>&amp;Retirado a las</translation>
    </message>
    <message>
        <source>Cop&amp;y settings from last session</source>
        <translation>Cop&amp;iar los parámetros de la última sesión</translation>
    </message>
    <message>
        <source>Fill the areas with the settings of the last signed session; what you then change is highlighted, last time&apos;s value under it</source>
        <translation>Rellenar las zonas con los parámetros de la última sesión firmada; lo que cambie después queda resaltado, con el valor de la última vez debajo</translation>
    </message>
    <message>
        <source>Add &amp;area</source>
        <translation>Añadir &amp;zona</translation>
    </message>
    <message>
        <source>Treated areas</source>
        <translation>Zonas tratadas</translation>
    </message>
    <message>
        <source>What is corrected, and why</source>
        <translation>Qué se corrige, y por qué</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>N&amp;otas</translation>
    </message>
    <message>
        <source>Reason for the a&amp;mendment</source>
        <translation>Motivo de la en&amp;mienda</translation>
    </message>
    <message>
        <source>De&amp;lete draft</source>
        <translation>&amp;Borrar el borrador</translation>
    </message>
    <message>
        <source>&amp;Amend…</source>
        <translation>&amp;Enmendar…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Save dra&amp;ft</source>
        <translation>Guardar el borra&amp;dor</translation>
    </message>
    <message>
        <source>Save without signing (Ctrl+S); Enter saves too</source>
        <translation>Guardar sin firmar (Ctrl+S); Intro también guarda</translation>
    </message>
    <message>
        <source>&amp;Sign &amp;&amp; lock…</source>
        <translation>&amp;Firmar y bloquear…</translation>
    </message>
    <message>
        <source>Check everything, then sign: the session is locked</source>
        <translation>Revíselo todo y después firme: la sesión queda bloqueada</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Treatment session (signed)</source>
        <translation>Sesión de tratamiento (firmada)</translation>
    </message>
    <message>
        <source>Record treatment session</source>
        <translation>Registrar una sesión de tratamiento</translation>
    </message>
</context>
<context>
    <name>SessionHistoryDialog</name>
    <message>
        <source>&amp;Open session</source>
        <translation>&amp;Abrir la sesión</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xportar CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Session history — {patient_name}</source>
        <translation>Historial de sesiones — {patient_name}</translation>
    </message>
    <message>
        <source>{patient_name}: 1 treatment recorded</source>
        <translation>{patient_name}: 1 tratamiento registrado</translation>
    </message>
    <message>
        <source>{patient_name}: {count} treatments recorded</source>
        <translation>{patient_name}: {count} tratamientos registrados</translation>
    </message>
    <message>
        <source> (1 correction among them)</source>
        <translation> (1 corrección entre ellos)</translation>
    </message>
    <message>
        <source> ({corrections} corrections among them)</source>
        <translation> ({corrections} correcciones entre ellos)</translation>
    </message>
    <message>
        <source>Export sessions as CSV</source>
        <translation>Exportar las sesiones como CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Not exported: {exc}</source>
        <translation>No se ha exportado: {exc}</translation>
    </message>
    <message>
        <source>Exported 1 line to {path}.</source>
        <translation>Se ha exportado 1 línea a {path}.</translation>
    </message>
    <message>
        <source>Exported {lines} lines to {path}.</source>
        <translation>Se han exportado {lines} líneas a {path}.</translation>
    </message>
</context>
<context>
    <name>SessionHistoryModel</name>
    <message>
        <source>Record #{id}</source>
        <translation>Registro n.º {id}</translation>
    </message>
    <message>
        <source>, amends #{amends_id}</source>
        <translation>, enmienda el n.º {amends_id}</translation>
    </message>
    <message>
        <source>Kept as it was signed; the amendment replaces it. {source}</source>
        <translation>Se conserva tal como se firmó; la enmienda lo sustituye. {source}</translation>
    </message>
</context>
<context>
    <name>SignerBox</name>
    <message>
        <source>&amp;Undo stroke</source>
        <translation>&amp;Deshacer el trazo</translation>
    </message>
    <message>
        <source>Clea&amp;r</source>
        <translation>Bo&amp;rrar</translation>
    </message>
    <message>
        <source>Full name, typed</source>
        <translation>Nombre completo, escrito</translation>
    </message>
    <message>
        <source>Sign inside the box</source>
        <translation>Firme dentro del recuadro</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>{rule_id} v{rule_version}</source>
        <translation>{rule_id} v{rule_version}</translation>
    </message>
</context>
<context>
    <name>TestSpotDialog</name>
    <message>
        <source>Test spot</source>
        <translation>Zona de prueba</translation>
    </message>
    <message>
        <source>Test spots of this patient:</source>
        <translation>Zonas de prueba de este paciente:</translation>
    </message>
    <message>
        <source>for a reaction: what was seen</source>
        <translation>si hubo reacción: qué se observó</translation>
    </message>
    <message>
        <source>&amp;Healed well</source>
        <translation>&amp;Cicatrizó bien</translation>
    </message>
    <message>
        <source>Re&amp;action…</source>
        <translation>Re&amp;acción…</translation>
    </message>
    <message>
        <source>New test spot</source>
        <translation>Nueva zona de prueba</translation>
    </message>
    <message>
        <source>e.g. 16/12/2026 (default: {check_after_days} days later)</source>
        <translation>p. ej. 16/12/2026 (por defecto: {check_after_days} días después)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Fecha</translation>
    </message>
    <message>
        <source>A&amp;rea</source>
        <translation>&amp;Zona</translation>
    </message>
    <message>
        <source>De&amp;vice</source>
        <translation>E&amp;quipo</translation>
    </message>
    <message>
        <source>&amp;Check on</source>
        <translation>&amp;Revisar el</translation>
    </message>
    <message>
        <source>&amp;Record test spot</source>
        <translation>&amp;Registrar la zona de prueba</translation>
    </message>
    <message>
        <source>{performed} · {area} · check on {check_on}: {result}</source>
        <translation>{performed} · {area} · revisión el {check_on}: {result}</translation>
    </message>
    <message>
        <source>{caption}: &apos;{text}&apos; is not a number.</source>
        <translation>{caption}: «{text}» no es un número.</translation>
    </message>
    <message>
        <source>Date of the test spot: write it as YYYY-MM-DD.</source>
        <translation>Fecha de la zona de prueba: escríbala como AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>Choose the test spot to judge in the list.</source>
        <translation>Elija en la lista la zona de prueba que quiere valorar.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Locked — CO2 Resurfacing Consultation</source>
        <translation>Bloqueada — Consulta de rejuvenecimiento con láser CO2</translation>
    </message>
    <message>
        <source>{reason}

Signed in as {display_name} ({username}). Enter your password to continue; open forms are kept exactly as you left them.</source>
        <translation>{reason}

Sesión iniciada como {display_name} ({username}). Escriba su contraseña para continuar; los formularios abiertos se conservan tal como los dejó.</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>&amp;Quit, keeping open forms as drafts</source>
        <translation>&amp;Salir, conservando los formularios abiertos como borradores</translation>
    </message>
    <message>
        <source>Closes the app without the password. What is typed in open forms is kept and offered back when they are next opened.</source>
        <translation>Cierra la aplicación sin la contraseña. Lo escrito en los formularios abiertos se conserva y se ofrece de nuevo la próxima vez que se abran.</translation>
    </message>
    <message>
        <source>Type your password, then press Enter.</source>
        <translation>Escriba su contraseña y pulse Intro.</translation>
    </message>
    <message>
        <source>The password could not be checked: {exc}. Try again.</source>
        <translation>No se pudo comprobar la contraseña: {exc}. Inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>UserFormDialog</name>
    <message>
        <source>New password for {username}</source>
        <translation>Nueva contraseña para {username}</translation>
    </message>
    <message>
        <source>Add a user</source>
        <translation>Añadir un usuario</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <source>&amp;Repeat</source>
        <translation>&amp;Repetir</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>Nombre de &amp;usuario</translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation>Nombre &amp;completo</translation>
    </message>
    <message>
        <source>R&amp;ole</source>
        <translation>R&amp;ol</translation>
    </message>
    <message>
        <source>The two passwords differ; type the same one twice.</source>
        <translation>Las dos contraseñas no coinciden; escriba la misma dos veces.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>&amp;Añadir usuario…</translation>
    </message>
    <message>
        <source>New &amp;password…</source>
        <translation>Nueva &amp;contraseña…</translation>
    </message>
    <message>
        <source>Change &amp;role</source>
        <translation>Cambiar el &amp;rol</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>Desac&amp;tivar</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>, locked until {until}</source>
        <translation>, bloqueado hasta el {until}</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>Ac&amp;tivar</translation>
    </message>
    <message>
        <source>Make {other}</source>
        <translation>Hacer {other}</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Contraseña cambiada</translation>
    </message>
    <message>
        <source>{username} has a new password.</source>
        <translation>{username} tiene una contraseña nueva.</translation>
    </message>
    <message>
        <source>Role not changed</source>
        <translation>Rol no cambiado</translation>
    </message>
    <message>
        <source>Not unlocked</source>
        <translation>No desbloqueado</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>No cambiado</translation>
    </message>
</context>
<context>
    <name>WithdrawalDialog</name>
    <message>
        <source>Withdraw consent</source>
        <translation>Retirar el consentimiento</translation>
    </message>
    <message>
        <source>{name} withdraws their informed consent. No further session can be recorded until they sign a new one. Write why (or “patient&apos;s wish” if they gave no reason).</source>
        <translation>{name} retira su consentimiento informado. No se podrá registrar ninguna otra sesión hasta que firme uno nuevo. Escriba el motivo (o «deseo del paciente» si no lo ha dado).</translation>
    </message>
    <message>
        <source>&amp;Withdraw consent</source>
        <translation>&amp;Retirar el consentimiento</translation>
    </message>
    <message>
        <source>Write why the patient withdraws, in a few words, or “patient&apos;s wish” if they gave no reason.</source>
        <translation>Escriba en unas pocas palabras por qué el paciente retira el consentimiento, o «deseo del paciente» si no ha dado ningún motivo.</translation>
    </message>
</context>
<context>
    <name>YesNoAnswer</name>
    <message>
        <source>Y = yes, N = no</source>
        <translation>Y = sí, N = no</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The database is busy</source>
        <translation>La base de datos está ocupada</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>El disco está lleno</translation>
    </message>
    <message>
        <source>The database cannot be written</source>
        <translation>No se puede escribir en la base de datos</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>La base de datos está dañada</translation>
    </message>
    <message>
        <source>The database is newer than this app</source>
        <translation>La base de datos es más reciente que esta aplicación</translation>
    </message>
    <message>
        <source>The database&apos;s schema record is wrong</source>
        <translation>El registro del esquema de la base de datos es incorrecto</translation>
    </message>
    <message>
        <source>The database could not be upgraded</source>
        <translation>No se pudo actualizar la base de datos</translation>
    </message>
    <message>
        <source>A content file cannot be read</source>
        <translation>No se puede leer un archivo de contenido</translation>
    </message>
    <message>
        <source>Database problem</source>
        <translation>Problema con la base de datos</translation>
    </message>
    <message>
        <source>The database refused the request</source>
        <translation>La base de datos ha rechazado la petición</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Algo ha ido mal</translation>
    </message>
    <message>
        <source>{what} ({kind}).

What was already saved is safe. If this happens again, note what you were doing and tell your administrator.</source>
        <translation>{what} ({kind}).

Lo que ya estaba guardado está a salvo. Si vuelve a ocurrir, anote lo que estaba haciendo y avise a su administrador.</translation>
    </message>
    <message>
        <source>Restore {name} now</source>
        <translation>Restaurar {name} ahora</translation>
    </message>
    <message>
        <source>Restore the latest backup, {name}</source>
        <translation>Restaurar la copia de seguridad más reciente, {name}</translation>
    </message>
    <message>
        <source>{error}

There is no backup in {folder}.</source>
        <translation>{error}

No hay ninguna copia de seguridad en {folder}.</translation>
    </message>
    <message>
        <source>{error}

{which}? Whatever was saved after it is lost; the current file is kept in {safety_folder}.</source>
        <translation>{error}

¿{which}? Se pierde todo lo guardado después de ella; el archivo actual se conserva en {safety_folder}.</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>Restaurar la copia de seguridad</translation>
    </message>
    <message>
        <source>Restoring the latest backup…</source>
        <translation>Restaurando la copia de seguridad más reciente…</translation>
    </message>
    <message>
        <source>The backup could not be restored</source>
        <translation>No se pudo restaurar la copia de seguridad</translation>
    </message>
    <message>
        <source>Database restored</source>
        <translation>Base de datos restaurada</translation>
    </message>
    <message>
        <source>Restored from {name}.</source>
        <translation>Restaurada desde {name}.</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>No se puede abrir la base de datos</translation>
    </message>
</context>
<context>
    <name>common.form_draft_keeper</name>
    <message>
        <source>Restore what was typed before the app closed?</source>
        <translation>¿Restaurar lo que se escribió antes de que se cerrara la aplicación?</translation>
    </message>
</context>
<context>
    <name>common.help_window</name>
    <message>
        <source># Keyboard shortcuts</source>
        <translation># Atajos de teclado</translation>
    </message>
    <message>
        <source>## {group}

| Keys | Does |
|---|---|
{rows}</source>
        <translation>## {group}

| Teclas | Acción |
|---|---|
{rows}</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
</context>
<context>
    <name>common.pdf_printing</name>
    <message>
        <source>The PDF cannot be read ({name}).</source>
        <translation>No se puede leer el PDF ({name}).</translation>
    </message>
    <message>
        <source>Page {page} could not be rendered.</source>
        <translation>No se pudo generar la página {page}.</translation>
    </message>
    <message>
        <source>The printer could not be started. Check that it is switched on and connected, or choose another printer.</source>
        <translation>No se pudo poner en marcha la impresora. Compruebe que está encendida y conectada, o elija otra impresora.</translation>
    </message>
</context>
<context>
    <name>common.pdf_saving</name>
    <message>
        <source>The handout is still open here and already recorded: nothing is lost.</source>
        <translation>La hoja informativa sigue abierta aquí y ya está registrada: no se pierde nada.</translation>
    </message>
    <message>
        <source>There is not enough free space on the disk of {folder} to save {name}. Free some space, or save to another drive or a USB stick.</source>
        <translation>No hay espacio libre suficiente en el disco de {folder} para guardar {name}. Libere espacio, o guárdelo en otra unidad o en una memoria USB.</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be written to: it is read-only or you do not have permission. Choose another folder, such as your Documents folder.</source>
        <translation>No se puede escribir en la carpeta {folder}: es de solo lectura o usted no tiene permiso. Elija otra carpeta, como su carpeta Documentos.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist (any more). Choose another folder.</source>
        <translation>La carpeta {folder} no existe (ya). Elija otra carpeta.</translation>
    </message>
    <message>
        <source>{name} could not be saved in {folder}: {reason}.</source>
        <translation>No se pudo guardar {name} en {folder}: {reason}.</translation>
    </message>
</context>
<context>
    <name>consent.signing_dialog</name>
    <message>
        <source>Scroll to the end of the text to sign.</source>
        <translation>Desplácese hasta el final del texto para firmar.</translation>
    </message>
    <message>
        <source>&lt;table width=&apos;100%&apos; cellpadding=&apos;6&apos; style=&apos;margin:4px 0&apos;&gt;&lt;tr&gt;&lt;td bgcolor=&apos;{colour}&apos;&gt;&lt;b&gt;For you:&lt;/b&gt; {body}&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table width=&apos;100%&apos; cellpadding=&apos;6&apos; style=&apos;margin:4px 0&apos;&gt;&lt;tr&gt;&lt;td bgcolor=&apos;{colour}&apos;&gt;&lt;b&gt;Para usted:&lt;/b&gt; {body}&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
</context>
<context>
    <name>consultation.review_page</name>
    <message>
        <source>The plan is blocked until these are answered: </source>
        <translation>El plan está bloqueado hasta que se responda a estas preguntas: </translation>
    </message>
</context>
<context>
    <name>consultation.summary</name>
    <message>
        <source>proceed; reason: {reason}</source>
        <translation>seguir adelante; motivo: {reason}</translation>
    </message>
    <message>
        <source>noted</source>
        <translation>anotado</translation>
    </message>
    <message>
        <source>not a candidate now{reason_part}</source>
        <translation>sin indicación por ahora{reason_part}</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>sin responder</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Currently</source>
        <translation>Actualmente</translation>
    </message>
    <message>
        <source>Last on {date}</source>
        <translation>La última vez el {date}</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No:&lt;/b&gt; {e}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;No:&lt;/b&gt; {e}.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No finding among the answers given.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ningún hallazgo en las respuestas dadas.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No contraindication found.&lt;/p&gt;</source>
        <translation>&lt;p&gt;No se ha encontrado ninguna contraindicación.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Decision: {e}&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Decisión: {e}&lt;/i&gt;</translation>
    </message>
    <message>
        <source>, every {weeks} weeks</source>
        <translation>, cada {weeks} semanas</translation>
    </message>
    <message>
        <source> (placeholder price list)</source>
        <translation> (lista de precios provisional)</translation>
    </message>
    <message>
        <source>Intensity</source>
        <translation>Intensidad</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>Zonas</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source>Expected downtime</source>
        <translation>Tiempo de recuperación previsto</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} días</translation>
    </message>
    <message>
        <source>Device profile</source>
        <translation>Perfil del equipo</translation>
    </message>
    <message>
        <source>Price estimate</source>
        <translation>Presupuesto estimado</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
</context>
<context>
    <name>consultation.view</name>
    <message>
        <source>Unfinished draft</source>
        <translation>Borrador sin terminar</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>Not a candidate now</source>
        <translation>Sin indicación por ahora</translation>
    </message>
    <message>
        <source>Set aside (unfinished)</source>
        <translation>Apartada (sin terminar)</translation>
    </message>
    <message>
        <source> on {completed}</source>
        <translation> el {completed}</translation>
    </message>
    <message>
        <source>Started {started}</source>
        <translation>Empezada el {started}</translation>
    </message>
    <message>
        <source>Planned treatment: {date}</source>
        <translation>Tratamiento previsto: {date}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motivo: {reason}</translation>
    </message>
    <message>
        <source>Amends consultation #{amends_id}</source>
        <translation>Enmienda la consulta n.º {amends_id}</translation>
    </message>
    <message>
        <source>Amended by consultation {numbers}</source>
        <translation>Enmendada por la consulta {numbers}</translation>
    </message>
    <message>
        <source>{rule_id} v{rule_version}</source>
        <translation>{rule_id} v{rule_version}</translation>
    </message>
</context>
<context>
    <name>handouts.documents_dialog</name>
    <message>
        <source>Made</source>
        <translation>Hecha</translation>
    </message>
    <message>
        <source>Handout</source>
        <translation>Hoja informativa</translation>
    </message>
    <message>
        <source>Content version</source>
        <translation>Versión del contenido</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
</context>
<context>
    <name>handouts.handout_messages</name>
    <message>
        <source>No handout can be printed before the clinic&apos;s details are entered: every handout carries the clinic&apos;s name and the phone number a worried patient calls.

Open Settings › Clinic details now? Then choose the handout again.</source>
        <translation>No se puede imprimir ninguna hoja informativa antes de introducir los datos de la clínica: cada hoja lleva el nombre de la clínica y el teléfono al que llama un paciente preocupado.

¿Abrir ahora Ajustes › Datos de la clínica? Después elija de nuevo la hoja informativa.</translation>
    </message>
    <message>
        <source>Pre-care handout</source>
        <translation>Hoja de cuidados previos</translation>
    </message>
    <message>
        <source>Post-care handout</source>
        <translation>Hoja de cuidados posteriores</translation>
    </message>
    <message>
        <source>The program that lays out handouts stopped unexpectedly, so the handout was neither made nor recorded. Try again: it starts afresh.</source>
        <translation>El programa que compone las hojas informativas se ha detenido de forma inesperada, así que la hoja no se ha hecho ni registrado. Inténtelo de nuevo: se vuelve a iniciar.</translation>
    </message>
    <message>
        <source>The database could not be reached, so the handout was neither made nor recorded. Check the connection and try again.

({kind})</source>
        <translation>No se pudo acceder a la base de datos, así que la hoja informativa no se ha hecho ni registrado. Compruebe la conexión e inténtelo de nuevo.

({kind})</translation>
    </message>
    <message>
        <source>Something unexpected went wrong: {error}. Nothing was recorded; try again.</source>
        <translation>Ha ocurrido algo inesperado: {error}. No se ha registrado nada; inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>CO2 Resurfacing Consultation</source>
        <translation>Consulta de rejuvenecimiento con láser CO2</translation>
    </message>
</context>
<context>
    <name>patients.dialog</name>
    <message>
        <source>&amp;First name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Last name</source>
        <translation>&amp;Apellidos</translation>
    </message>
    <message>
        <source>Date of &amp;birth</source>
        <translation>Fecha de naci&amp;miento</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Teléfono</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>Correo &amp;electrónico</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Dirección</translation>
    </message>
    <message>
        <source>Emergency &amp;contact</source>
        <translation>&amp;Contacto de emergencia</translation>
    </message>
    <message>
        <source>Emergency p&amp;hone</source>
        <translation>Teléfono de emer&amp;gencia</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>N&amp;otas</translation>
    </message>
</context>
<context>
    <name>patients.page</name>
    <message>
        <source>unfinished draft</source>
        <translation>borrador sin terminar</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>completada</translation>
    </message>
    <message>
        <source>not a candidate now</source>
        <translation>sin indicación por ahora</translation>
    </message>
    <message>
        <source>set aside</source>
        <translation>apartada</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>firmada</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>sustituida</translation>
    </message>
    <message>
        <source>1 area</source>
        <translation>1 zona</translation>
    </message>
    <message>
        <source>{count} areas</source>
        <translation>{count} zonas</translation>
    </message>
    <message>
        <source>signed, corrected (the first record is superseded)</source>
        <translation>firmada, corregida (el primer registro queda sustituido)</translation>
    </message>
    <message>
        <source>; a correction is being drafted</source>
        <translation>; se está preparando una corrección</translation>
    </message>
</context>
<context>
    <name>patients.table_model</name>
    <message>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
</context>
<context>
    <name>photos.photo_tasks</name>
    <message>
        <source>It could not be imported ({exc}).</source>
        <translation>No se pudo importar ({exc}).</translation>
    </message>
</context>
<context>
    <name>security.audit_table_model</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
</context>
<context>
    <name>security.audit_window</name>
    <message>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Todas las acciones</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>Todos los registros</translation>
    </message>
</context>
<context>
    <name>security.settings_dialog</name>
    <message>
        <source>Minutes without input before the screen locks</source>
        <translation>Minutos sin actividad antes de que se bloquee la pantalla</translation>
    </message>
    <message>
        <source>Automatic daily backups kept</source>
        <translation>Copias de seguridad diarias automáticas que se conservan</translation>
    </message>
</context>
<context>
    <name>security.users_dialog</name>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>sessions.area_differences</name>
    <message>
        <source>was {old}</source>
        <translation>antes {old}</translation>
    </message>
    <message>
        <source>
Differs from the {baseline_name}: {old} then.</source>
        <translation>
Distinto de la {baseline_name}: entonces {old}.</translation>
    </message>
    <message>
        <source>
Same as the {baseline_name}.</source>
        <translation>
Igual que en la {baseline_name}.</translation>
    </message>
</context>
<context>
    <name>sessions.area_feedback</name>
    <message>
        <source>Reason for going past the caution threshold (required)</source>
        <translation>Motivo para superar el umbral de precaución (obligatorio)</translation>
    </message>
    <message>
        <source>DANGER</source>
        <translation>PELIGRO</translation>
    </message>
    <message>
        <source>Tick “{label}”, then write the reason below (at least {words} words).</source>
        <translation>Marque «{label}» y escriba el motivo abajo (al menos {words} palabras).</translation>
    </message>
    <message>
        <source>Reason for going past the danger limit: at least {words} words (required)</source>
        <translation>Motivo para superar el límite de peligro: al menos {words} palabras (obligatorio)</translation>
    </message>
</context>
<context>
    <name>sessions.area_row</name>
    <message>
        <source>— area —</source>
        <translation>— zona —</translation>
    </message>
    <message>
        <source>Clinical endpoint</source>
        <translation>Punto final clínico</translation>
    </message>
    <message>
        <source>Immediate skin reaction</source>
        <translation>Reacción inmediata de la piel</translation>
    </message>
    <message>
        <source>Reason for going past the caution threshold (required)</source>
        <translation>Motivo para superar el umbral de precaución (obligatorio)</translation>
    </message>
    <message>
        <source>Remove this area</source>
        <translation>Quitar esta zona</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
</context>
<context>
    <name>sessions.copy_last</name>
    <message>
        <source>Replace the areas?</source>
        <translation>¿Sustituir las zonas?</translation>
    </message>
    <message>
        <source>The areas entered so far will be replaced by the settings of the last session.</source>
        <translation>Las zonas introducidas hasta ahora se sustituirán por los parámetros de la última sesión.</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Sustituir</translation>
    </message>
</context>
<context>
    <name>sessions.editor_texts</name>
    <message>
        <source>&lt;b&gt;Signed and locked&lt;/b&gt; by {who} on {signed_at}. Corrections are recorded as amendments; this record stays as it is.</source>
        <translation>&lt;b&gt;Firmada y bloqueada&lt;/b&gt; por {who} el {signed_at}. Las correcciones se registran como enmiendas; este registro se queda como está.</translation>
    </message>
    <message>
        <source>Superseded by a signed correction (amendment) of this session.</source>
        <translation>Sustituida por una corrección firmada (enmienda) de esta sesión.</translation>
    </message>
    <message>
        <source>A correction (amendment) of this session is being drafted.</source>
        <translation>Se está preparando una corrección (enmienda) de esta sesión.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Check before treating:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Compruebe antes de tratar:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>This is a correction (amendment) of a signed session, which is kept unchanged.</source>
        <translation>Es una corrección (enmienda) de una sesión firmada, que se conserva sin cambios.</translation>
    </message>
    <message>
        <source>plan of {completed_on}: {intensity}, every {interval_weeks} weeks</source>
        <translation>plan del {completed_on}: {intensity}, cada {interval_weeks} semanas</translation>
    </message>
    <message>
        <source>intensity not set</source>
        <translation>intensidad sin fijar</translation>
    </message>
    <message>
        <source>no plan</source>
        <translation>sin plan</translation>
    </message>
    <message>
        <source>last session {performed_at}</source>
        <translation>última sesión el {performed_at}</translation>
    </message>
    <message>
        <source>Next session suggested on or after {date}.</source>
        <translation>Próxima sesión propuesta a partir del {date}.</translation>
    </message>
    <message>
        <source>Last session of the plan.</source>
        <translation>Última sesión del plan.</translation>
    </message>
    <message>
        <source>No earlier session to compare with.</source>
        <translation>No hay ninguna sesión anterior con la que comparar.</translation>
    </message>
    <message>
        <source>highlighted</source>
        <translation>resaltado</translation>
    </message>
    <message>
        <source>= differs from the {name} ({day})</source>
        <translation>= distinto de la {name} ({day})</translation>
    </message>
    <message>
        <source>A new version of the session is drafted for your corrections. The signed record stays unchanged and is shown as superseded once the amendment is signed.</source>
        <translation>Se crea un borrador de una nueva versión de la sesión para sus correcciones. El registro firmado no cambia y aparece como sustituido en cuanto se firma la enmienda.</translation>
    </message>
</context>
<context>
    <name>sessions.history_model</name>
    <message>
        <source>Signed</source>
        <translation>Firmada</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>Zonas</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Firmada por</translation>
    </message>
    <message>
        <source>Superseded by a correction</source>
        <translation>Sustituida por una corrección</translation>
    </message>
    <message>
        <source> · correction of an earlier record</source>
        <translation> · corrección de un registro anterior</translation>
    </message>
    <message>
        <source> · 1 caution acknowledged</source>
        <translation> · 1 precaución aceptada</translation>
    </message>
    <message>
        <source> · {cautions} cautions acknowledged</source>
        <translation> · {cautions} precauciones aceptadas</translation>
    </message>
</context>
<context>
    <name>sessions.recheck_panel</name>
    <message>
        <source>⛔ Defer</source>
        <translation>⛔ Aplazar</translation>
    </message>
    <message>
        <source>▲ Reason needed</source>
        <translation>▲ Hace falta un motivo</translation>
    </message>
    <message>
        <source>• Caution</source>
        <translation>• Precaución</translation>
    </message>
</context>
<context>
    <name>sessions.sign_and_lock</name>
    <message>
        <source>Sign and lock this session?</source>
        <translation>¿Firmar y bloquear esta sesión?</translation>
    </message>
    <message>
        <source>Once signed, nothing in this session can be changed. A later correction is recorded as an amendment that keeps this record.</source>
        <translation>Una vez firmada, no se puede cambiar nada de esta sesión. Una corrección posterior se registra como una enmienda que conserva este registro.</translation>
    </message>
    <message>
        <source>1 caution is acknowledged with a reason.</source>
        <translation>1 precaución está aceptada con un motivo.</translation>
    </message>
    <message>
        <source>{cautions} cautions are acknowledged with a reason.</source>
        <translation>{cautions} precauciones están aceptadas con un motivo.</translation>
    </message>
    <message>
        <source>1 of them is a danger, confirmed as checked: you sign that these settings were intended.</source>
        <translation>1 de ellas es un peligro, confirmado como comprobado: usted firma que estos parámetros eran los previstos.</translation>
    </message>
    <message>
        <source>{dangers} of them are dangers, confirmed as checked: you sign that these settings were intended.</source>
        <translation>{dangers} de ellas son peligros, confirmados como comprobados: usted firma que estos parámetros eran los previstos.</translation>
    </message>
    <message>
        <source>Sign and lock</source>
        <translation>Firmar y bloquear</translation>
    </message>
</context>
<context>
    <name>sessions.signed_meanwhile</name>
    <message>
        <source>Signed meanwhile</source>
        <translation>Firmada mientras tanto</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Reason for the amendment</source>
        <translation>Motivo de la enmienda</translation>
    </message>
    <message>
        <source>Topical anaesthetic</source>
        <translation>Anestésico tópico</translation>
    </message>
    <message>
        <source>Anaesthetic applied at</source>
        <translation>Anestésico aplicado a las</translation>
    </message>
    <message>
        <source>Anaesthetic removed at</source>
        <translation>Anestésico retirado a las</translation>
    </message>
    <message>
        <source>Allergy acknowledgement</source>
        <translation>Aceptación de la alergia</translation>
    </message>
    <message>
        <source>Row {number}</source>
        <translation>Fila {number}</translation>
    </message>
    <message>
        <source>This session was signed and locked on another workstation after changes were typed here, so these were not saved in it. If they matter, record them as an amendment:

{listing}</source>
        <translation>Esta sesión se firmó y bloqueó en otro puesto después de que aquí se escribieran cambios, así que estos no se guardaron en ella. Si son importantes, regístrelos como una enmienda:

{listing}</translation>
    </message>
</context>
<context>
    <name>sessions.test_spot_dialog</name>
    <message>
        <source>Power (W)</source>
        <translation>Potencia (W)</translation>
    </message>
    <message>
        <source>Dwell (µs)</source>
        <translation>Tiempo de permanencia (µs)</translation>
    </message>
    <message>
        <source>Spacing (µm)</source>
        <translation>Espaciado (µm)</translation>
    </message>
    <message>
        <source>Energy (mJ)</source>
        <translation>Energía (mJ)</translation>
    </message>
    <message>
        <source>Stack</source>
        <translation>Apilamiento</translation>
    </message>
    <message>
        <source>Passes</source>
        <translation>Pasadas</translation>
    </message>
    <message>
        <source>to be checked</source>
        <translation>por revisar</translation>
    </message>
    <message>
        <source>healed well</source>
        <translation>cicatrizó bien</translation>
    </message>
    <message>
        <source>reaction</source>
        <translation>reacción</translation>
    </message>
</context>
<context>
    <name>sessions.times</name>
    <message>
        <source>&apos;{cleaned}&apos; is not a time; write it as HH:MM, e.g. 09:15.</source>
        <translation>«{cleaned}» no es una hora; escríbala como HH:MM, p. ej. 09:15.</translation>
    </message>
</context>
</TS>
