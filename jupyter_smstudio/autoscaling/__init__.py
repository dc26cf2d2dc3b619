"""Application Auto Scaling for endpoint variants: scalable targets, target-tracking policies, activities."""
