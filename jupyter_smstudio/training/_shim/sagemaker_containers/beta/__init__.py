"""`sagemaker_containers.beta`: older scripts import `framework` from here."""
