import type { Messages } from "./en.ts";

/** Messages du serveur en français. */
export const fr: Messages = {
  problem: {
    validation: "La requête n'est pas valide",
    not_found: "Introuvable",
    outside_area: "Ce lieu est en dehors du territoire desservi",
    unknown_category: "Catégorie inconnue",
    unauthenticated: "Veuillez vous connecter",
    forbidden: "Vous n'avez pas le droit de faire cela",
    csrf: "Jeton de sécurité absent ou invalide : rechargez la page et réessayez",
    rate_limited: "Trop de requêtes : patientez un instant puis réessayez",
    payload_too_large: "Le fichier envoyé est trop volumineux",
    unsupported_media: "Ce type de fichier n'est pas accepté",
    idempotency_conflict: "Cette clé Idempotency-Key a déjà servi pour une autre requête",
    invalid_transition: "Ce changement d'état n'est pas autorisé",
    invalid_token: "Ce lien est invalide ou a expiré",
    email_taken: "Un compte existe déjà avec cette adresse e-mail",
    invalid_credentials: "E-mail ou mot de passe incorrect",
    email_not_verified: "Veuillez d'abord confirmer votre adresse e-mail",
    location_required: "Placez l'épingle sur la carte ou ajoutez une photo géolocalisée",
    contact_required: "Indiquez une adresse e-mail pour confirmer votre signalement, ou connectez-vous",
    internal: "Une erreur est survenue de notre côté. Elle a été enregistrée.",
    unavailable: "Le service est momentanément indisponible",
  },
  field: {
    required: "Ce champ est obligatoire",
    invalid: "Cette valeur n'est pas valide",
    too_long: "Ce texte est trop long ({{max}} caractères au plus)",
    too_short: "Ce texte est trop court ({{min}} caractères au moins)",
    too_many_photos: "{{max}} photos au plus",
    photo_too_large: "Chaque photo doit faire au plus {{max}} Mo",
    photo_type: "Les photos doivent être au format JPEG, PNG, WebP ou HEIC",
    photo_unreadable: "Cette photo n'a pas pu être lue",
    no_gps: "Cette photo n'a pas de position : placez l'épingle sur la carte",
  },
  state: {
    open: "En attente de confirmation",
    confirmed: "Ouvert",
    in_progress: "En cours",
    action_scheduled: "Intervention programmée",
    fixed: "Réparé",
    closed: "Clôturé",
    duplicate: "Doublon",
    not_responsible: "Hors compétence de la ville",
    referred: "Transmis à un autre organisme",
    reopened: "Rouvert",
  },
  mail: {
    footer: "Baladiya, la plateforme de signalement citoyen de {{city}}. Ce message a été envoyé automatiquement.",
    confirmReport: {
      subject: "Confirmez votre signalement : {{title}}",
      body: "Bonjour {{name}},\n\nMerci pour votre signalement « {{title}} » (référence {{ref}}).\n\nPour le publier et le transmettre au service compétent, confirmez-le en ouvrant ce lien dans les 7 jours :\n{{link}}\n\nSi vous n'êtes pas à l'origine de ce signalement, ignorez ce message : rien ne sera publié.",
    },
    reportConfirmed: {
      subject: "Votre signalement {{ref}} a été transmis à {{authority}}",
      body: "Bonjour {{name}},\n\nVotre signalement « {{title}} » est maintenant public et a été transmis à {{authority}}.\nSuivez-le ici : {{link}}",
    },
    newReport: {
      subject: "[{{ref}}] Nouveau signalement : {{category}} — {{area}}",
      body: "Un citoyen a signalé un problème relevant de votre compétence.\n\nRéférence : {{ref}}\nCatégorie : {{category}}\nArrondissement : {{area}}\nTitre : {{title}}\n\n{{description}}\n\nPosition : {{lat}}, {{lon}}\nCarte : {{mapLink}}\nPhotos : {{photos}}\nSignalé le : {{date}}\n\nTraiter ce signalement : {{link}}",
      noPhotos: "aucune",
    },
    verifyEmail: {
      subject: "Confirmez votre adresse e-mail",
      body: "Bonjour {{name}},\n\nConfirmez votre adresse e-mail en ouvrant ce lien dans les 7 jours :\n{{link}}",
    },
    passwordReset: {
      subject: "Réinitialisez votre mot de passe",
      body: "Bonjour {{name}},\n\nUne demande de réinitialisation du mot de passe de votre compte a été faite. Pour choisir un nouveau mot de passe, ouvrez ce lien dans l'heure :\n{{link}}\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
    },
    reportUpdated: {
      subject: "Du nouveau sur votre signalement {{ref}} : {{state}}",
      body: "Bonjour {{name}},\n\nVotre signalement « {{title}} » a évolué.\nÉtat : {{state}}\n\n{{text}}\n\nSuivez-le ici : {{link}}",
    },
  },
};
