"""Training the NER component: corpus conversion (``convert``) and the ``train`` command."""
