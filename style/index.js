import './base.css';
import './experiments.css';
import './training.css';
import './tuning.css';
